package dev.orc.reconciler.apiserver.auth;

import dev.orc.api.json.Json;
import dev.orc.api.status.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Set;

/**
 * Who may reach the API: every request but the public paths (health, Git webhooks, which prove themselves, the
 * dashboard's files and login) carries a known bearer token (in its header, or in the dashboard's session cookie),
 * and, with RBAC, is allowed by a rule for what it asks. The user is kept on the request for the handlers that need
 * it (access reviews). Without an authenticator (a loopback server for tests and tools)
 * everyone may do everything, but only for a loopback {@code Host} and without another site's {@code Origin}
 * ({@link LoopbackOnly}).
 */
public final class RequestGate {
    private static final String USER = "orc.user";
    private static final UserInfo LOOPBACK = new UserInfo("system:anonymous", "", List.of(UserInfo.MASTERS));

    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final Set<String> publicPaths;
    private final Set<String> publicPrefixes;
    private final RequestCredentials credentials;
    private final AccessReviews reviews = new AccessReviews(this::decide);

    /**
     * {@code authenticator} null lets every request in; {@code authorizer} null lets every user do everything;
     * {@code credentials} finds a request's credential (its header, or the dashboard's session cookie).
     */
    public RequestGate(Authenticator authenticator, Authorizer authorizer, Set<String> publicPaths,
                       Set<String> publicPrefixes, RequestCredentials credentials) {
        this.authenticator = authenticator;
        this.authorizer = authorizer;
        this.publicPaths = Set.copyOf(publicPaths);
        this.publicPrefixes = Set.copyOf(publicPrefixes);
        this.credentials = credentials;
    }

    /** Installs the check before every request and WebSocket handshake, and the access review endpoints. */
    public void declare(RoutesConfig routes) {
        routes.before(this::check);
        routes.wsBeforeUpgrade(this::check);
        routes.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", ctx -> ctx.status(201)
                .contentType("application/json").result(Json.bytes(reviews.self(user(ctx),
                        AccessReviews.parse(ctx.bodyAsBytes())))));
        routes.post("/apis/authorization.k8s.io/v1/subjectaccessreviews", ctx -> ctx.status(201)
                .contentType("application/json").result(Json.bytes(reviews.of(AccessReviews.parse(ctx.bodyAsBytes())))));
    }

    private void check(Context ctx) {
        if (authenticator == null) {
            LoopbackOnly.refusal(ctx.header("Host"), ctx.header("Origin")).ifPresent(reason -> {
                throw new ApiException.Forbidden(reason, null, null, null);
            });
            return;
        }
        if (publicPaths.contains(ctx.path())
                || publicPrefixes.stream().anyMatch(ctx.path()::startsWith)) {
            return;
        }
        UserInfo user = authenticator.authenticate(credentials.authorization(ctx)).orElseThrow(ApiException.Unauthorized::new);
        ctx.attribute(USER, user);
        String watch = ctx.queryParam("watch");
        RequestAttributes request = RequestAttributes.of(ctx.method().name(), ctx.path(),
                "true".equals(watch) || "1".equals(watch)).withFieldSelector(ctx.queryParam("fieldSelector"));
        RbacAuthorizer.Decision decision = decide(user, request);
        if (!decision.allowed()) {
            throw new ApiException.Forbidden(decision.reason(), request.apiGroup(), request.resource(), request.name());
        }
    }

    private RbacAuthorizer.Decision decide(UserInfo user, RequestAttributes request) {
        return authorizer == null ? new RbacAuthorizer.Decision(true, "no authorizer: everyone may do everything")
                : authorizer.authorize(user, request);
    }

    private static UserInfo user(Context ctx) {
        UserInfo user = ctx.attribute(USER);
        return user == null ? LOOPBACK : user;
    }

    /** The authenticated user of a request; null when the server authenticates nobody. */
    public static UserInfo requestUser(Context ctx) {
        return ctx.attribute(USER);
    }
}
