package dev.orc.reconciler.apiserver.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.RoleBinding;
import dev.orc.api.model.RoleRef;
import dev.orc.api.model.Subject;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's sessions over real HTTP: a one-time link logs in once, the cookie is HttpOnly and SameSite=Strict,
 * the cookie counts only with its CSRF header, a session acts as its user under RBAC, and logging out ends it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardSessionTest {
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/a/deployments";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final HttpClient http = HttpClient.newHttpClient();
    private Store store;
    private ApiServer server;

    /** A browser's session: its cookie and the CSRF token the page learnt. */
    private record Session(String cookie, String csrf) {
    }

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("orc-dashboard");
        Path tokens = dir.resolve("tokens.csv");
        Files.writeString(tokens, """
                admin-token,admin,admin,"system:masters"
                jane-token,jane,1001
                """);
        store = SqliteStore.open(dir.resolve("store"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withAuthenticator(TokenAuthenticator.fromFile(tokens)).withRbac());
        ApiClient admin = ApiClient.connect(new ClientConfig(server.url(), "admin-token", null, "default"));
        admin.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("a"), WriteOptions.defaults());
        admin.create(ResourceTypes.DEPLOYMENT, "a", Fixtures.deployment("web", 1), WriteOptions.defaults());
        admin.create(ResourceTypes.ROLE_BINDING, "a", (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(
                RoleBinding.of(ObjectMeta.named("jane-views").withNamespace("a"), List.of(Subject.user("jane")),
                        RoleRef.clusterRole("view"))), WriteOptions.defaults());
    }

    @AfterAll
    void stop() {
        server.close();
        store.close();
    }

    @Test
    void aLoginLinkOpensAnHttpOnlyStrictSessionOnce() throws Exception {
        String code = loginCode("admin-token");

        HttpResponse<String> first = send("POST", "/ui/session", JSON, "{\"code\":\"" + code + "\"}");
        HttpResponse<String> second = send("POST", "/ui/session", JSON, "{\"code\":\"" + code + "\"}");

        assertThat(first.statusCode()).isEqualTo(200);
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Sessions.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("admin-token");
        assertThat(Json.parse(first.body()).path("user").asText()).isEqualTo("admin");
        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(Json.parse(second.body()).path("message").asText()).contains("used already or has expired");
    }

    @Test
    void anExchangeSentAgainAfterItsAnswerWasLostLogsInAgainEndingTheLostSessionAndAnotherDoesNot() throws Exception {
        String code = loginCode("admin-token");
        String exchange = "{\"code\":\"" + code + "\",\"exchange\":\"9e3779b97f4a7c15f39cc0605cedc834\"}";

        HttpResponse<String> lost = send("POST", "/ui/session", JSON, exchange);
        HttpResponse<String> again = send("POST", "/ui/session", JSON, exchange);
        HttpResponse<String> another = send("POST", "/ui/session", JSON,
                "{\"code\":\"" + code + "\",\"exchange\":\"0123456789abcdef0123456789abcdef\"}");

        assertThat(lost.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(Sessions.COOKIE + "=");
        assertThat(Json.parse(again.body()).path("user").asText()).isEqualTo("admin");
        assertThat(another.statusCode()).isEqualTo(401);
        assertThat(send("GET", DEPLOYMENTS, headers(session(again)), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", DEPLOYMENTS, headers(session(lost)), null).statusCode())
                .as("the session whose answer was lost, replaced by the resend's").isEqualTo(401);
    }

    @Test
    void theSessionCountsOnlyWithItsCsrfHeader() throws Exception {
        Session session = logIn(loginCode("admin-token"));

        assertThat(send("GET", DEPLOYMENTS, Map.of("Cookie", session.cookie(), Sessions.CSRF_HEADER, session.csrf()), null)
                .statusCode()).isEqualTo(200);
        assertThat(send("GET", DEPLOYMENTS, Map.of("Cookie", session.cookie()), null).statusCode()).isEqualTo(401);
        HttpResponse<String> forged = send("PATCH", DEPLOYMENTS + "/web/scale",
                Map.of("Cookie", session.cookie(), Sessions.CSRF_HEADER, "0".repeat(32),
                        "Content-Type", "application/merge-patch+json"), "{\"spec\":{\"replicas\":3}}");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(Json.parse(forged.body()).path("message").asText()).contains(Sessions.CSRF_HEADER);
        HttpResponse<String> scaled = send("PATCH", DEPLOYMENTS + "/web/scale",
                Map.of("Cookie", session.cookie(), Sessions.CSRF_HEADER, session.csrf(),
                        "Content-Type", "application/merge-patch+json"), "{\"spec\":{\"replicas\":2}}");
        assertThat(scaled.statusCode()).isEqualTo(200);
        assertThat(Json.parse(scaled.body()).at("/spec/replicas").asInt()).isEqualTo(2);
    }

    @Test
    void aViewerLoggedInWithATokenSeesButCannotScale() throws Exception {
        HttpResponse<String> login = send("POST", "/ui/session", JSON, "{\"token\":\"jane-token\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        Session jane = session(login);

        HttpResponse<String> list = send("GET", DEPLOYMENTS, headers(jane), null);
        HttpResponse<String> scale = send("PATCH", DEPLOYMENTS + "/web/scale", withJson(jane, "application/merge-patch+json"),
                "{\"spec\":{\"replicas\":5}}");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(Json.parse(list.body()).path("items")).hasSize(1);
        assertThat(scale.statusCode()).isEqualTo(403);
        assertThat(Json.parse(scale.body()).path("message").asText())
                .contains("User \"jane\" cannot patch resource \"deployments/scale\"");
    }

    @Test
    void unknownCodesAndTokensAndEmptyLoginsAreRefused() throws Exception {
        assertThat(send("POST", "/ui/session", JSON, "{\"code\":\"feed\"}").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/ui/session", JSON, "{\"token\":\"nobody\"}").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/ui/session", JSON, "{}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/ui/session", JSON, "not json").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/ui/session", Map.of("Content-Type", "text/plain"), "{\"token\":\"jane-token\"}")
                .statusCode()).as("a cross-site form's login is refused").isEqualTo(400);
        assertThat(send("GET", "/ui/session", Map.of(), null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/ui/login-codes", Map.of(), "").statusCode()).isEqualTo(401);
    }

    @Test
    void loggingOutRevokesTheSessionMintedForALink() throws Exception {
        Session session = logIn(loginCode("admin-token"));
        assertThat(send("GET", "/ui/session", Map.of("Cookie", session.cookie()), null).statusCode()).isEqualTo(200);

        assertThat(send("DELETE", "/ui/session", Map.of("Cookie", session.cookie()), null).statusCode())
                .as("logging out is a write: the CSRF header is needed").isEqualTo(401);
        HttpResponse<String> out = send("DELETE", "/ui/session", headers(session), null);

        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send("GET", DEPLOYMENTS, headers(session), null).statusCode()).isEqualTo(401);
    }

    @Test
    void theFilesAreServedWithAPolicyThatAllowsOnlyThisServer() throws Exception {
        HttpResponse<String> page = send("GET", "/ui/", Map.of(), null);
        HttpResponse<String> module = send("GET", "/ui/assets/app.js", Map.of(), null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/ui/assets/app.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
                .contains("connect-src 'self'").contains("frame-ancestors 'none'");
        assertThat(module.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(send("GET", "/ui/assets/missing.js", Map.of(), null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/ui/assets/..%2Fui%2Findex.html", Map.of(), null).statusCode()).isEqualTo(404);
    }

    @Test
    void theServerGivesALoginLinkForAKnownTokenOnly() {
        assertThat(server.dashboardLink("admin-token")).get().asString().startsWith(server.url() + "/ui/#login=");
        assertThat(server.dashboardLink("wrong")).isEmpty();
    }

    private String loginCode(String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = send("POST", "/ui/login-codes", Map.of("Authorization", "Bearer " + token), "");
        assertThat(answer.statusCode()).isEqualTo(201);
        JsonNode body = Json.parse(answer.body());
        assertThat(body.path("path").asText()).isEqualTo("/ui/#login=" + body.path("code").asText());
        return body.path("code").asText();
    }

    private Session logIn(String code) throws IOException, InterruptedException {
        HttpResponse<String> login = send("POST", "/ui/session", JSON, "{\"code\":\"" + code + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        return session(login);
    }

    private static Session session(HttpResponse<String> login) {
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Session(cookie, Json.parse(login.body()).path("csrf").asText());
    }

    private static Map<String, String> headers(Session session) {
        return Map.of("Cookie", session.cookie(), Sessions.CSRF_HEADER, session.csrf());
    }

    private static Map<String, String> withJson(Session session, String type) {
        return Map.of("Cookie", session.cookie(), Sessions.CSRF_HEADER, session.csrf(), "Content-Type", type);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
