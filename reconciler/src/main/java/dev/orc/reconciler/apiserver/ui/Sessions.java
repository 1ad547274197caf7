package dev.orc.reconciler.apiserver.ui;

import dev.orc.api.auth.IssuedToken;
import dev.orc.reconciler.apiserver.auth.RequestCredentials;
import dev.orc.api.status.ApiException;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * The dashboard's session: a cookie holding a bearer token (the one the user logged in with, or one minted for a
 * login link), HttpOnly so that no script reads it and SameSite=Strict so that no other site sends it. A request
 * authenticated by the cookie must also carry the session's CSRF token in {@value #CSRF_HEADER}, which only a page of
 * this origin can learn (from {@code GET /ui/session}); a request with an {@code Authorization} header of its own is
 * judged by that header alone.
 */
public final class Sessions implements RequestCredentials {
    public static final String COOKIE = "orc-session";
    public static final String CSRF_HEADER = "X-Orc-Csrf";
    /** How long a session cookie lives in the browser, and a minted session token on the server. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    private final boolean secure;

    /** {@code secure}: the server speaks TLS, so the cookie is marked Secure. */
    public Sessions(boolean secure) {
        this.secure = secure;
    }

    @Override
    public String authorization(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            return header;
        }
        String token = token(ctx);
        if (token == null) {
            return null;
        }
        requireCsrf(ctx, token);
        return "Bearer " + token;
    }

    /** Refuses a request of the session holding {@code token} that lacks the session's CSRF token. */
    public void requireCsrf(Context ctx, String token) {
        String csrf = ctx.header(CSRF_HEADER);
        if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                csrfOf(token).getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException.Unauthorized("a dashboard session's request must carry its " + CSRF_HEADER
                    + " header (from GET /ui/session)");
        }
    }

    /** The session's token, from its cookie; null without one. */
    public String token(Context ctx) {
        String token = ctx.cookie(COOKIE);
        return token == null || token.isBlank() ? null : token;
    }

    /** The CSRF token of the session holding {@code token}: derived from it, so a restarted server knows it too. */
    public static String csrfOf(String token) {
        return IssuedToken.hash("orc-dashboard-csrf\n" + token).substring(0, 32);
    }

    /** Starts a session holding {@code token}. */
    public void open(Context ctx, String token) {
        ctx.header("Set-Cookie", cookie(token, LIFETIME.toSeconds()));
    }

    /** Ends the browser's session. */
    public void close(Context ctx) {
        ctx.header("Set-Cookie", cookie("", 0));
    }

    private String cookie(String value, long maxAgeSeconds) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }
}
