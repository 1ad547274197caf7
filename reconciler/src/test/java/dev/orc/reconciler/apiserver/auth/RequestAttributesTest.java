package dev.orc.reconciler.apiserver.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What RBAC judges of a request: the verb, group, resource, subresource, namespace and name of its path. */
class RequestAttributesTest {

    @ParameterizedTest(name = "{0} {1} watch={2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            GET    | /api/v1/namespaces/shop/pods                      | false | list             | ''                        | pods                | -       | shop | -
            GET    | /api/v1/namespaces/shop/pods                      | true  | watch            | ''                        | pods                | -       | shop | -
            GET    | /api/v1/pods                                      | false | list             | ''                        | pods                | -       | -    | -
            GET    | /api/v1/namespaces/shop/pods/web-1                | false | get              | ''                        | pods                | -       | shop | web-1
            GET    | /api/v1/namespaces/shop/pods/web-1/log            | false | get              | ''                        | pods                | log     | shop | web-1
            POST   | /api/v1/namespaces/shop/pods/web-1/binding        | false | create           | ''                        | pods                | binding | shop | web-1
            GET    | /api/v1/namespaces/shop/pods/web-1/exec         | false | create           | ''                        | pods                | exec    | shop | web-1
            GET    | /api/v1/namespaces/shop/pods/web-1/attach       | false | create           | ''                        | pods                | attach  | shop | web-1
            GET    | /api/v1/namespaces/shop/pods/web-1/portforward  | false | create           | ''                        | pods                | portforward | shop | web-1
            PUT    | /apis/apps/v1/namespaces/shop/deployments/web/scale | false | update         | apps                      | deployments         | scale   | shop | web
            PATCH  | /apis/apps/v1/namespaces/shop/deployments/web     | false | patch            | apps                      | deployments         | -       | shop | web
            DELETE | /apis/apps/v1/namespaces/shop/deployments         | false | deletecollection | apps                      | deployments         | -       | shop | -
            DELETE | /apis/apps/v1/namespaces/shop/deployments/web     | false | delete           | apps                      | deployments         | -       | shop | web
            GET    | /api/v1/namespaces/shop                           | false | get              | ''                        | namespaces          | -       | shop | shop
            GET    | /api/v1/namespaces                                | false | list             | ''                        | namespaces          | -       | -    | -
            GET    | /api/v1/nodes/n1                                  | false | get              | ''                        | nodes               | -       | -    | n1
            GET    | /api/v1/nodes/n1/proxy/stats/summary              | false | get              | ''                        | nodes               | proxy   | -    | n1
            GET    | /api/v1/watch/namespaces/shop/configmaps          | false | watch            | ''                        | configmaps          | -       | shop | -
            POST   | /apis/rbac.authorization.k8s.io/v1/clusterrolebindings | false | create      | rbac.authorization.k8s.io | clusterrolebindings | -       | -    | -
            """)
    void resourcePathsNameWhatTheyAct(String method, String path, boolean watch, String verb, String group,
                                      String resource, String subresource, String namespace, String name) {
        RequestAttributes attributes = RequestAttributes.of(method, path, watch);
        assertThat(attributes.resourceRequest()).isTrue();
        assertThat(attributes).isEqualTo(RequestAttributes.resource(verb, group, resource, subresource, namespace, name));
    }

    @ParameterizedTest
    @CsvSource({"GET,/version,get", "GET,/apis,get", "GET,/api,get", "GET,/metrics,get", "GET,/openapi/v2,get",
            "POST,/hooks/git/shop/apps,post"})
    void otherPathsAreNonResourceRequests(String method, String path, String verb) {
        assertThat(RequestAttributes.of(method, path, false)).isEqualTo(RequestAttributes.nonResource(verb, path));
    }
}
