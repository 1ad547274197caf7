package dev.orc.api.ingress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples of the Kubernetes Ingress documentation ("Examples" and "Hostname wildcards"), row by row. */
class IngressRouterTest {

    /** Paths as "Type:/path" separated by spaces; the target of each is its own text; "-" is the default backend. */
    private static IngressRouter<String> router(String paths) {
        List<IngressRouter.Route<String>> routes = new ArrayList<>();
        for (String rule : paths.split(" ")) {
            String[] parts = rule.split(":", 2);
            routes.add(new IngressRouter.Route<>(new HostPattern(null), PathRule.of(parts[1], parts[0]), rule));
        }
        return IngressRouter.of(routes, "-");
    }

    @ParameterizedTest(name = "{0} with request {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Prefix:/                              | /anything      | Prefix:/
            Exact:/foo                            | /foo           | Exact:/foo
            Exact:/foo                            | /bar           | -
            Exact:/foo                            | /foo/          | -
            Exact:/foo/                           | /foo           | -
            Prefix:/foo                           | /foo           | Prefix:/foo
            Prefix:/foo                           | /foo/          | Prefix:/foo
            Prefix:/foo/                          | /foo           | Prefix:/foo/
            Prefix:/foo/                          | /foo/          | Prefix:/foo/
            Prefix:/aaa/bb                        | /aaa/bbb       | -
            Prefix:/aaa/bbb                       | /aaa/bbb       | Prefix:/aaa/bbb
            Prefix:/aaa/bbb/                      | /aaa/bbb       | Prefix:/aaa/bbb/
            Prefix:/aaa/bbb                       | /aaa/bbb/      | Prefix:/aaa/bbb
            Prefix:/aaa/bbb                       | /aaa/bbb/ccc   | Prefix:/aaa/bbb
            Prefix:/aaa/bbb                       | /aaa/bbbxyz    | -
            Prefix:/ Prefix:/aaa                  | /aaa/ccc       | Prefix:/aaa
            Prefix:/ Prefix:/aaa Prefix:/aaa/bbb  | /aaa/bbb       | Prefix:/aaa/bbb
            Prefix:/ Prefix:/aaa Prefix:/aaa/bbb  | /ccc           | Prefix:/
            Prefix:/aaa                           | /ccc           | -
            Prefix:/foo Exact:/foo                | /foo           | Exact:/foo
            Exact:/foo Prefix:/foo                | /foo           | Exact:/foo
            ImplementationSpecific:/foo           | /foo/bar       | ImplementationSpecific:/foo
            Prefix:/aaa/bbb                       | //aaa//bbb/    | Prefix:/aaa/bbb
            Prefix:/aaa//bbb                      | /aaa/bbb/ccc   | Prefix:/aaa//bbb
            Prefix:/aaa/bbb                       | /aaa           | -
            Prefix:/aaa/bbb                       | /aaa/bb        | -
            """)
    void matchesPathsAsTheDocumentationTable(String paths, String request, String expected) {
        assertThat(router(paths).route("example.com", request)).map(IngressRouter.Match::target).contains(expected);
    }

    @ParameterizedTest(name = "{0} with Host {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            *.foo.com   | bar.foo.com      | true
            *.foo.com   | baz.bar.foo.com  | false
            *.foo.com   | foo.com          | false
            foo.bar.com | foo.bar.com      | true
            foo.bar.com | FOO.bar.com:8080 | true
            foo.bar.com | bar.foo.com      | false
            ''          | anything.at.all  | true
            """)
    void matchesHostsAsTheDocumentationTable(String host, String header, boolean matches) {
        assertThat(new HostPattern(host).matches(header)).isEqualTo(matches);
    }

    @Test
    void anExactHostWinsOverAWildcardAndAWildcardOverEveryHost() {
        IngressRouter<String> router = IngressRouter.of(List.of(
                route("", "/", "any"), route("*.foo.com", "/", "wildcard"), route("bar.foo.com", "/", "exact")), null);

        assertThat(router.route("bar.foo.com", "/x")).map(IngressRouter.Match::target).contains("exact");
        assertThat(router.route("baz.foo.com", "/x")).map(IngressRouter.Match::target).contains("wildcard");
        assertThat(router.route("other.com", "/x")).map(IngressRouter.Match::target).contains("any");
    }

    @Test
    void aHostWithoutAMatchingPathFallsToLessSpecificRulesThenTheDefault() {
        IngressRouter<String> router = IngressRouter.of(List.of(
                route("bar.foo.com", "/api", "api"), route("", "/static", "static")), "default");

        assertThat(router.route("bar.foo.com", "/static/a.css")).map(IngressRouter.Match::target).contains("static");
        assertThat(router.route("bar.foo.com", "/other")).map(IngressRouter.Match::target).contains("default");
    }

    @Test
    void withoutADefaultBackendAnUnmatchedRequestHasNoTarget() {
        assertThat(IngressRouter.of(List.of(route("a.com", "/", "a")), null).route("b.com", "/"))
                .isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0} on {1} matched {2}")
    @CsvSource(delimiter = '|', textBlock = """
            /api      | /api/v1/pods | /api
            /api/     | /api/v1      | /api
            /         | /x/y         | ''
            /a/b      | /a/b         | /a/b
            /a//b/    | /a/b/c       | /a/b
            """)
    void reportsThePrefixItMatchedForRewrites(String rule, String request, String matched) {
        assertThat(PathRule.of(rule, "Prefix").matchedPrefix(request)).isEqualTo(matched);
    }

    private static IngressRouter.Route<String> route(String host, String path, String target) {
        return new IngressRouter.Route<>(new HostPattern(host), PathRule.of(path, "Prefix"), target);
    }
}
