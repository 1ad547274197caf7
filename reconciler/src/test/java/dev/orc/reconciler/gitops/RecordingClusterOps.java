package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.testing.ForwardingTransport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sync's real view of a cluster ({@link ClusterOps}) over a transport to the registry that remembers the writes
 * that succeeded by what they did to the object, whatever the request ("created ConfigMap team/a": it did not exist
 * before, which an apply may do as well as a create; "configured ConfigMap team/a": it did; "deleted ConfigMap
 * team/b"). Writes go as {@link GitOpsPolicy#standard()} says unless the test names a method. A test can
 * make the server refuse a named object's dry run or write, for refusals the registry has no cause to make on its own
 * (a quota, a lost race).
 */
final class RecordingClusterOps extends ForwardingTransport {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> dryRunRefusals = new ConcurrentHashMap<>();
    final Map<String, String> applyRefusals = new ConcurrentHashMap<>();
    private final ApiClient client;
    private final ClusterOps ops;

    RecordingClusterOps(ApiClient client, ApiTransport next) {
        this(client, next, GitOpsPolicy.standard().apply());
    }

    RecordingClusterOps(ApiClient client, ApiTransport next, ApplyMethod method) {
        super(next);
        this.client = client;
        this.ops = new ClusterOps(ApiClient.over(this), method);
    }

    /** The sync's view of the cluster, through this transport. */
    ClusterOps ops() {
        return ops;
    }

    @Override
    public ObjectNode call(ApiCall call) {
        if ("GET".equals(call.method())) {
            return super.call(call);
        }
        String name = call.name() != null ? call.name() : call.body().path("metadata").path("name").asText();
        boolean dryRun = call.query().byName().containsKey("dryRun");
        String refusal = (dryRun ? dryRunRefusals : applyRefusals).get(name);
        if (refusal != null) {
            throw dryRun ? new ApiException.Unprocessable(refusal) : new ApiException.Forbidden(refusal);
        }
        boolean existed = !"POST".equals(call.method()) && client.find(call.type(), call.namespace(), name).isPresent();
        ObjectNode answer;
        try {
            answer = super.call(call);
        } catch (ApiException e) {
            if ("DELETE".equals(call.method()) && e.isNotFound()) {
                calls.add("deleted " + ref(call, name));
            }
            throw e;
        }
        if (!dryRun) {
            String verb = "DELETE".equals(call.method()) ? "deleted" : existed ? "configured" : "created";
            calls.add(verb + " " + ref(call, name));
        }
        return answer;
    }

    private static String ref(ApiCall call, String name) {
        return call.type().kind() + " " + (call.namespace() == null ? name : call.namespace() + "/" + name);
    }

    /** The value of a ConfigMap's {@code data.value} as stored. */
    String value(ManagedRef configMap) {
        return ops.get(configMap).orElseThrow().at("/data/value").asText();
    }

    /** Changes a ConfigMap's {@code data.value} outside Git, as a person with kubectl would. */
    void changeByHand(ManagedRef configMap, String value) {
        ObjectNode live = ops.get(configMap).orElseThrow();
        live.withObjectProperty("data").put("value", value);
        client.update(ResourceTypes.CONFIG_MAP, configMap.namespace(), live, WriteOptions.defaults());
    }
}
