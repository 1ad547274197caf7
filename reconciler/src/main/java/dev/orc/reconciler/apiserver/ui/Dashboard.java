package dev.orc.reconciler.apiserver.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.json.Json;
import dev.orc.reconciler.apiserver.auth.Authenticator;
import dev.orc.reconciler.apiserver.auth.UserInfo;
import dev.orc.api.status.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The web dashboard at {@value #PATH}: its files, and its session endpoints. {@code POST /ui/login-codes} (with a
 * bearer token) makes a one-time login code for the token's user; {@code POST /ui/session} exchanges a code (with the
 * page's secret for this exchange, so that the same exchange sent again after its answer was lost logs in again), or
 * a token typed into the page, for a session cookie; {@code GET /ui/session} tells the page who it is and its CSRF
 * token; {@code DELETE /ui/session} logs out. Every other call of the page goes to the API itself, authenticated by
 * {@link Sessions} and authorized as any request of that user.
 */
public final class Dashboard {
    public static final String PATH = "/ui";
    private static final UserInfo EVERYONE = new UserInfo("system:anonymous", "", List.of(UserInfo.MASTERS));

    private final Authenticator authenticator;
    private final Sessions sessions;
    private final LoginCodes codes;
    private final SessionTokens tokens;
    private final UiAssets assets = new UiAssets();

    /** {@code authenticator} null: the server authenticates nobody, and the dashboard needs no login either. */
    public Dashboard(Authenticator authenticator, Sessions sessions, LoginCodes codes, SessionTokens tokens) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.codes = codes;
        this.tokens = tokens;
    }

    public void declare(RoutesConfig routes) {
        routes.get(PATH + "/", ctx -> assets.serve(ctx, "index.html"));
        routes.get(PATH + "/assets/<file>", ctx -> assets.serve(ctx, ctx.pathParam("file")));
        routes.get(PATH + "/session", this::whoAmI);
        routes.post(PATH + "/session", this::logIn);
        routes.delete(PATH + "/session", this::logOut);
        routes.post(PATH + "/login-codes", this::issueCode);
    }

    /** The path of a one-time login link for whoever holds {@code bearerToken}; empty when the token is unknown. */
    public Optional<String> loginPath(String bearerToken) {
        if (authenticator == null) {
            return Optional.of(PATH + "/");
        }
        return authenticator.authenticate("Bearer " + bearerToken).map(user -> PATH + "/#login=" + codes.issue(user));
    }

    private void whoAmI(Context ctx) {
        if (authenticator == null) {
            json(ctx, 200, user(EVERYONE, ""));
            return;
        }
        String token = sessions.token(ctx);
        UserInfo user = Optional.ofNullable(token).flatMap(t -> authenticator.authenticate("Bearer " + t))
                .orElseThrow(() -> new ApiException.Unauthorized("no dashboard session: log in"));
        json(ctx, 200, user(user, Sessions.csrfOf(token)));
    }

    private void logIn(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException.BadRequest("a login is sent as application/json (which no other site's form can send)");
        }
        JsonNode body;
        try {
            body = Json.parse(ctx.bodyAsBytes());
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("a login is a JSON object with a \"code\" or a \"token\": " + e.getMessage());
        }
        String code = body.path("code").asText("");
        String token = body.path("token").asText("").trim();
        if (code.isEmpty() == token.isEmpty()) {
            throw new ApiException.BadRequest("log in with either a \"code\" (from orc ui) or a \"token\", not both");
        }
        if (authenticator == null) {
            json(ctx, 200, user(EVERYONE, ""));
            return;
        }
        String session;
        UserInfo user;
        if (!code.isEmpty()) {
            LoginCodes.Redemption redeemed = codes.redeem(code, body.path("exchange").asText("")).orElseThrow(
                    () -> new ApiException.Unauthorized(
                            "this login link was used already or has expired: run orc ui for a new one"));
            user = redeemed.user();
            session = tokens.mint(user);
            redeemed.replacedSession().ifPresent(tokens::revokeId);
            codes.opened(code, IssuedToken.idOf(session).orElseThrow());
        } else {
            user = authenticator.authenticate("Bearer " + token).orElseThrow(() -> new ApiException.Unauthorized(
                    "the token is not known to this server (revoked or expired?)"));
            session = token;
        }
        sessions.open(ctx, session);
        json(ctx, 200, user(user, Sessions.csrfOf(session)));
    }

    private void logOut(Context ctx) {
        String token = sessions.token(ctx);
        if (token != null) {
            sessions.requireCsrf(ctx, token);
            tokens.revoke(token);
        }
        sessions.close(ctx);
        ctx.status(204);
    }

    private void issueCode(Context ctx) {
        String header = ctx.header("Authorization");
        if (authenticator == null) {
            json(ctx, 201, Json.object().put("path", PATH + "/"));
            return;
        }
        UserInfo user = Optional.ofNullable(header).flatMap(authenticator::authenticate)
                .orElseThrow(() -> new ApiException.Unauthorized("a login code is given for a bearer token only"));
        String code = codes.issue(user);
        json(ctx, 201, Json.object().put("code", code).put("path", PATH + "/#login=" + code));
    }

    private static ObjectNode user(UserInfo user, String csrf) {
        ObjectNode out = Json.object().put("user", user.name()).put("csrf", csrf);
        user.groups().forEach(out.putArray("groups")::add);
        return out;
    }

    private static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).header("Cache-Control", "no-store").contentType("application/json").result(Json.bytes(body));
    }
}
