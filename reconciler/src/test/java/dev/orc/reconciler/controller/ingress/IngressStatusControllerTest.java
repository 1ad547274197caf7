package dev.orc.reconciler.controller.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Ingress;
import dev.orc.reconciler.controller.RegistryCluster;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngressStatusControllerTest {
    private final ManualClock clock = new ManualClock();
    private final RegistryCluster cluster = new RegistryCluster(clock);
    private final IngressStatusController controller = new IngressStatusController(
            cluster.cache(ResourceTypes.INGRESS),
            () -> cluster.list(ResourceTypes.INGRESS).stream().map(i -> Json.convert(i, Ingress.class)).toList(),
            cluster.cache(ResourceTypes.INGRESS_CLASS), cluster.cache(ResourceTypes.SERVICE),
            cluster.cache(ResourceTypes.NODE), cluster.controllerClient(), cluster.events());

    @BeforeEach
    void nodesAndClasses() {
        cluster.seed(ResourceTypes.NODE, json("{'apiVersion':'v1','kind':'Node','metadata':{'name':'n1'},'status':"
                + "{'conditions':[{'type':'Ready','status':'True'}],'addresses':[{'type':'InternalIP','address':'192.0.2.1'}]}}"));
        cluster.seed(ResourceTypes.NODE, json("{'apiVersion':'v1','kind':'Node','metadata':{'name':'n2'},'status':"
                + "{'conditions':[{'type':'Ready','status':'False'}],'addresses':[{'type':'InternalIP','address':'192.0.2.2'}]}}"));
        cluster.seed(ResourceTypes.INGRESS_CLASS, json("{'apiVersion':'networking.k8s.io/v1','kind':'IngressClass',"
                + "'metadata':{'name':'nginx'},'spec':{'controller':'k8s.io/ingress-nginx'}}"));
        cluster.seed(ResourceTypes.SERVICE, json("{'apiVersion':'v1','kind':'Service','metadata':{'namespace':'default',"
                + "'name':'web'},'spec':{'ports':[{'port':80}]}}"));
        cluster.clearRecords();
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void anIngressOfOrcsListsTheReadyNodesAndSteadyStateWritesNothing() {
        cluster.seed(ResourceTypes.INGRESS, ingress("web", null, "web"));
        ObjectKey key = new ObjectKey("default", "web");

        controller.reconcile(key);

        assertThat(cluster.get(ResourceTypes.INGRESS, "default", "web").orElseThrow()
                .at("/status/loadBalancer/ingress").toString()).isEqualTo("[{\"ip\":\"192.0.2.1\"}]");
        assertThat(cluster.recordedEvents()).isEmpty();
        cluster.assertWritesNothing(() -> controller.reconcile(key));
    }

    @Test
    void anIngressOfAnotherControllersClassIsLeftAlone() {
        cluster.seed(ResourceTypes.INGRESS, ingress("theirs", "nginx", "web"));

        controller.reconcile(new ObjectKey("default", "theirs"));

        assertThat(cluster.writes()).isEmpty();
    }

    @Test
    void aContestedPathIsReportedOnceOnTheNewerIngress() {
        cluster.seed(ResourceTypes.INGRESS, ingress("older", null, "web"));
        clock.advance(java.time.Duration.ofSeconds(5));
        cluster.seed(ResourceTypes.INGRESS, ingress("newer", null, "web"));

        controller.reconcile(new ObjectKey("default", "older"));
        controller.reconcile(new ObjectKey("default", "newer"));
        controller.reconcile(new ObjectKey("default", "newer"));

        assertThat(cluster.recordedEvents()).containsExactly("newer Warning Conflict: spec.rules[0].http.paths[0]: "
                + "host \"web.localhost\" path \"/\" is already served by Ingress default/older");
    }

    @Test
    void aMissingServiceIsReported() {
        cluster.seed(ResourceTypes.INGRESS, ingress("lost", null, "gone"));

        controller.reconcile(new ObjectKey("default", "lost"));

        assertThat(cluster.recordedEvents()).containsExactly("lost Warning BackendNotFound: service \"gone\" not found");
    }

    private static ObjectNode ingress(String name, String className, String service) {
        return json("{'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'namespace':'default','name':'"
                + name + "'},'spec':{" + (className == null ? "" : "'ingressClassName':'" + className + "',")
                + "'rules':[{'host':'web.localhost','http':{'paths':[{'path':'/','pathType':'Prefix',"
                + "'backend':{'service':{'name':'" + service + "','port':{'number':80}}}}]}}]}}");
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text.replace('\'', '"'));
    }
}
