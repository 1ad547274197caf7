package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.meta.ResourceTypes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sync's real view of a cluster ({@link ClientClusterOps} over an API client), remembering the writes that
 * succeeded ("created ConfigMap team/a", "deleted ConfigMap team/b"). A test can make the server refuse a named
 * object's dry run or write, for refusals the registry has no cause to make on its own (a quota, a lost race).
 */
final class RecordingClusterOps implements ClusterOps {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> dryRunRefusals = new ConcurrentHashMap<>();
    final Map<String, String> applyRefusals = new ConcurrentHashMap<>();
    private final ApiClient client;
    private final ClientClusterOps ops;

    RecordingClusterOps(ApiClient client) {
        this.client = client;
        this.ops = new ClientClusterOps(client);
    }

    @Override
    public Optional<ObjectNode> get(ManagedRef ref) {
        return ops.get(ref);
    }

    @Override
    public Map<ManagedRef, ObjectNode> getAll(Collection<ManagedRef> refs) {
        return ops.getAll(refs);
    }

    @Override
    public List<String> dryRun(SyncAction action) {
        String refusal = dryRunRefusals.get(action.ref().name());
        return refusal == null ? ops.dryRun(action) : List.of(refusal);
    }

    @Override
    public void apply(SyncAction action) throws ApplyException {
        String refusal = applyRefusals.get(action.ref().name());
        if (refusal != null) {
            throw new ApplyException(refusal);
        }
        ops.apply(action);
        calls.add(action.verb() + " " + action.ref());
    }

    @Override
    public void delete(ManagedRef ref) throws ApplyException {
        ops.delete(ref);
        calls.add("deleted " + ref);
    }

    /** The value of a ConfigMap's {@code data.value} as stored. */
    String value(ManagedRef configMap) {
        return get(configMap).orElseThrow().at("/data/value").asText();
    }

    /** Changes a ConfigMap's {@code data.value} outside Git, as a person with kubectl would. */
    void changeByHand(ManagedRef configMap, String value) {
        ObjectNode live = get(configMap).orElseThrow();
        live.withObjectProperty("data").put("value", value);
        client.update(ResourceTypes.CONFIG_MAP, configMap.namespace(), live, WriteOptions.defaults());
    }
}
