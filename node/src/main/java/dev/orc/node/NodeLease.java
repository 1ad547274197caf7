package dev.orc.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Lease;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;

/**
 * The node's heartbeat as the kubelet keeps it: a small coordination.k8s.io/v1 Lease named after the node in
 * {@code kube-node-lease} whose {@code renewTime} is renewed at every heartbeat, so the whole Node need not be
 * rewritten every few seconds.
 */
final class NodeLease {
    static final String NAMESPACE = "kube-node-lease";
    /** As the kubelet's: the Lease says how long the node may be silent before it counts as lost. */
    static final Duration DURATION = Duration.ofSeconds(40);

    private final ApiClient client;

    NodeLease(ApiClient client) {
        this.client = client;
    }

    /** Sets the Lease's renewTime to {@code now}, creating the Lease on the first heartbeat. */
    void renew(String nodeName, Instant now) {
        String time = Timestamps.formatMicros(now);
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("renewTime", time);
        try {
            client.patch(ResourceTypes.LEASE, NAMESPACE, nodeName, PatchType.MERGE, patch, WriteOptions.defaults());
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            Lease lease = Lease.of(ObjectMeta.named(nodeName).withNamespace(NAMESPACE),
                    new Lease.Spec(nodeName, (int) DURATION.toSeconds(), time, time, null));
            client.create(ResourceTypes.LEASE, NAMESPACE, (ObjectNode) Json.tree(lease), WriteOptions.defaults());
        }
    }
}
