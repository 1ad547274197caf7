package dev.orc.reconciler.apiserver.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paths match as Javalin matches them: literal segments before parameters, each route by its own parameter names. */
class LocalRouterTest {
    private static LocalRouter.Route route(String name) {
        return new LocalRouter.Route(name, name, request -> Reply.ok(null), null);
    }

    @Test
    void literalSegmentsWinAndParametersAreNamedPerRoute() {
        LocalRouter router = new LocalRouter();
        router.add("GET", "/api/v1/namespaces/{name}", route("namespace"));
        router.add("GET", "/api/v1/namespaces/{namespace}/pods", route("pods"));
        router.add("GET", "/api/v1/namespaces/{name}/status", route("namespace-status"));
        router.add("GET", "/api/v1/namespaces/{namespace}/pods/{name}", route("pod"));
        router.add("GET", "/api/v1/pods", route("all-pods"));

        assertThat(router.find("GET", "/api/v1/namespaces/default/pods").orElseThrow())
                .satisfies(m -> {
                    assertThat(m.route().verb()).isEqualTo("pods");
                    assertThat(m.pathParams()).isEqualTo(Map.of("namespace", "default"));
                });
        assertThat(router.find("GET", "/api/v1/namespaces/pods").orElseThrow().pathParams())
                .isEqualTo(Map.of("name", "pods"));
        assertThat(router.find("GET", "/api/v1/namespaces/web/status").orElseThrow().route().verb())
                .isEqualTo("namespace-status");
        assertThat(router.find("GET", "/api/v1/namespaces/web/pods/p-1").orElseThrow().pathParams())
                .isEqualTo(Map.of("namespace", "web", "name", "p-1"));
        assertThat(router.find("GET", "/api/v1/pods").orElseThrow().route().verb()).isEqualTo("all-pods");
    }

    @Test
    void unknownPathsMethodsAndEmptySegmentsFindNothing() {
        LocalRouter router = new LocalRouter();
        router.add("GET", "/api/v1/namespaces/{namespace}/pods/{name}", route("pod"));
        assertThat(router.find("POST", "/api/v1/namespaces/a/pods/b")).isEmpty();
        assertThat(router.find("GET", "/api/v1/namespaces/a/pods/b/log")).isEmpty();
        assertThat(router.find("GET", "/api/v1/namespaces//pods/b")).isEmpty();
        assertThat(router.find("GET", "/version")).isEmpty();
    }

    @Test
    void aRouteDeclaredTwiceIsRefused() {
        LocalRouter router = new LocalRouter();
        router.add("GET", "/api/v1/pods", route("one"));
        assertThatThrownBy(() -> router.add("GET", "/api/v1/pods", route("two")))
                .hasMessageContaining("two routes for GET /api/v1/pods");
    }
}
