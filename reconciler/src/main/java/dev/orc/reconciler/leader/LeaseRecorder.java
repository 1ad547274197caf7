package dev.orc.reconciler.leader;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Timestamps;
import dev.orc.api.record.EventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Shows the election as Kubernetes shows kube-controller-manager's: a coordination.k8s.io/v1 Lease in
 * kube-system naming the holder, when it acquired the lease, when it last renewed it and how many times the
 * leadership changed hands, with a {@code LeaderElection} Event per new leader as the history. The election itself
 * is held on the store's lease, not on this object; it is written (through the term's fenced client, on a thread
 * of its own) at each new term and then every {@code refresh}, so a cluster at rest writes it rarely.
 */
public final class LeaseRecorder implements LeaderCallbacks {
    public static final String NAMESPACE = "kube-system";
    public static final String EPOCH_ANNOTATION = "orc.dev/leader-epoch";
    private static final Logger LOG = LoggerFactory.getLogger(LeaseRecorder.class);

    private final Function<Term, ApiClient> clients;
    private final String name;
    private final Duration leaseDuration;
    private final Duration refresh;
    private final InstantSource clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("orc-leader-lease").unstarted(r));
    private volatile Instant recordedAt = Instant.MIN;

    public LeaseRecorder(Function<Term, ApiClient> clients, String name, Duration leaseDuration, Duration refresh,
                         InstantSource clock) {
        this.clients = clients;
        this.name = name;
        this.leaseDuration = leaseDuration;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public void startedLeading(Term term) {
        writer.execute(() -> quietly(term, () -> acquired(term)));
    }

    @Override
    public void renewed(Term term) {
        if (Duration.between(recordedAt, clock.instant()).compareTo(refresh) >= 0) {
            writer.execute(() -> quietly(term, () -> renewTime(term)));
        }
    }

    @Override
    public void stoppedLeading(Term term) {
        recordedAt = Instant.MIN;
    }

    private void acquired(Term term) {
        ApiClient client = clients.apply(term);
        Instant now = clock.instant();
        ObjectNode lease;
        try {
            lease = client.get(ResourceTypes.LEASE, NAMESPACE, name);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            lease = Json.object().put("apiVersion", ResourceTypes.LEASE.apiVersion()).put("kind", ResourceTypes.LEASE.kind());
            lease.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
        }
        ObjectNode spec = child(lease, "spec");
        boolean handedOver = spec.has("holderIdentity") && !spec.path("holderIdentity").asText().equals(term.identity());
        spec.put("holderIdentity", term.identity())
                .put("leaseDurationSeconds", Math.max(1, leaseDuration.toSeconds()))
                .put("acquireTime", Timestamps.formatMicros(now))
                .put("renewTime", Timestamps.formatMicros(now))
                .put("leaseTransitions", spec.path("leaseTransitions").asInt(0) + (handedOver ? 1 : 0));
        child(child(lease, "metadata"), "annotations").put(EPOCH_ANNOTATION, Long.toString(term.epoch()));
        ObjectNode written = lease.path("metadata").has("resourceVersion")
                ? client.update(ResourceTypes.LEASE, NAMESPACE, lease, WriteOptions.defaults())
                : client.create(ResourceTypes.LEASE, NAMESPACE, lease, WriteOptions.defaults());
        recordedAt = now;
        new EventRecorder(client, "orc-leader-election", clock).record(ObjectReference.of(written), "Normal", "LeaderElection",
                term.identity() + " became leader (epoch " + term.epoch() + ")");
    }

    private void renewTime(Term term) {
        Instant now = clock.instant();
        ObjectNode patch = Json.object();
        patch.putObject("spec").put("renewTime", Timestamps.formatMicros(now));
        clients.apply(term).patch(ResourceTypes.LEASE, NAMESPACE, name, PatchType.MERGE, patch,
                WriteOptions.defaults());
        recordedAt = now;
    }

    private static ObjectNode child(ObjectNode parent, String field) {
        return parent.get(field) instanceof ObjectNode existing ? existing : parent.putObject(field);
    }

    private void quietly(Term term, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.warn("could not record the leader lease {}/{} of epoch {}: {}", NAMESPACE, name, term.epoch(), e.getMessage());
        }
    }

    /** Stops the writer; a write in flight is left to finish or fail on its own. */
    public void close() {
        writer.shutdownNow();
    }
}
