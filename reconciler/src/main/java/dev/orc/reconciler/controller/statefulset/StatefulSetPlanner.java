package dev.orc.reconciler.controller.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.StatefulSetRevision;
import dev.orc.api.json.Json;
import dev.orc.api.model.ControllerRevision;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.StatefulSet;
import dev.orc.api.model.StatefulSetSpec;
import dev.orc.api.model.StatefulSetStatus;
import dev.orc.api.model.StatefulSetUpdateStrategy;
import dev.orc.reconciler.controller.Pods;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The StatefulSet controller's decisions, with Kubernetes' semantics. Ordinals {@code [start, start+replicas)} are
 * the replicas, pods of other ordinals are condemned. Replicas are taken in increasing order: a finished pod is
 * deleted (and made again later), a missing one is made after its claims; under OrderedReady the pass stops at the
 * first pod it made, or that is terminating, or not yet Running and Ready (and available for minReadySeconds).
 * Then condemned pods are deleted, highest ordinal first (under OrderedReady one at a time, once every replica is
 * healthy, an unhealthy one only if it is the first unhealthy pod). Then, for RollingUpdate, the highest ordinal at
 * or above the partition that is not of the update revision is deleted to be made again from it (with
 * maxUnavailable, as many as that allows), waiting for unhealthy pods; OnDelete leaves replacing pods to the user.
 */
public final class StatefulSetPlanner {
    private StatefulSetPlanner() {
    }

    /**
     * @param setTree   the StatefulSet as stored
     * @param pods      the pods it controls
     * @param claims    the claims of its namespace
     * @param revisions the ControllerRevisions of its namespace
     */
    public static StatefulSetPlan plan(ObjectNode setTree, List<Pod> pods, List<PersistentVolumeClaim> claims,
                                       List<ControllerRevision> revisions, Instant now) {
        return new Pass(setTree, pods, claims, revisions, now).run();
    }

    /** The state of one planning pass. */
    private static final class Pass {
        private final ObjectNode setTree;
        private final StatefulSetSpec spec;
        private final String name;
        private final Instant now;
        private final int minReady;
        private final boolean monotonic;
        private final SetRevisions revisions;
        private final List<ControllerRevision> owned;
        private final Map<String, PersistentVolumeClaim> claims;
        private final TreeMap<Integer, Pod> replicas = new TreeMap<>();
        private final TreeMap<Integer, Pod> condemned = new TreeMap<>(Comparator.reverseOrder());
        private final List<ObjectNode> claimCreates = new ArrayList<>();
        private final List<ObjectNode> claimUpdates = new ArrayList<>();
        private final List<ObjectNode> podCreates = new ArrayList<>();
        private final List<Pod> podDeletes = new ArrayList<>();
        private Optional<Duration> recheck = Optional.empty();

        Pass(ObjectNode setTree, List<Pod> pods, List<PersistentVolumeClaim> claims, List<ControllerRevision> all,
             Instant now) {
            this.setTree = setTree;
            StatefulSet set = Json.convert(setTree, StatefulSet.class);
            this.spec = set.spec();
            this.name = set.name();
            this.now = now;
            this.minReady = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
            this.monotonic = !spec.parallel();
            String uid = set.metadata().uid();
            this.owned = all.stream().filter(r -> r.metadata().controllerRef()
                    .map(ref -> ref.uid().equals(uid)).orElse(false)).toList();
            Set<String> taken = all.stream().map(ControllerRevision::name).collect(Collectors.toSet());
            this.revisions = SetRevisions.resolve(setTree, owned, taken);
            this.claims = claims.stream().collect(Collectors.toMap(PersistentVolumeClaim::name, Function.identity(),
                    (a, b) -> a));
            int start = spec.firstOrdinal();
            int end = start + spec.replicasOrDefault();
            for (Pod pod : pods) {
                OptionalInt ordinal = StatefulPods.ordinal(name, pod.name());
                if (ordinal.isEmpty()) {
                    continue;
                }
                int ord = ordinal.getAsInt();
                (ord >= start && ord < end ? replicas : condemned).put(ord, pod);
            }
        }

        StatefulSetPlan run() {
            StatefulSetStatus status = StatefulSetStatuses.of(setTree, replicasAndCondemned(), revisions, minReady, now);
            if (!setTree.path("metadata").has("deletionTimestamp")) {
                if (processReplicas() && processCondemned() && !spec.updatesOnDelete()) {
                    rollingUpdate();
                }
            }
            Set<String> live = new HashSet<>(List.of(status.currentRevision(), status.updateRevision()));
            replicasAndCondemned().forEach(pod -> live.add(revisionOf(pod)));
            int limit = spec.revisionHistoryLimit() == null ? 10 : spec.revisionHistoryLimit();
            List<String> expired = SetRevisions.expired(owned, live, limit);
            return new StatefulSetPlan(revisions.create().map(List::of).orElse(List.of()),
                    revisions.renumber().map(List::of).orElse(List.of()), expired, claimCreates, claimUpdates,
                    podCreates, podDeletes, status, recheck);
        }

        private List<Pod> replicasAndCondemned() {
            List<Pod> all = new ArrayList<>(replicas.values());
            all.addAll(condemned.values());
            return all;
        }

        /** The replicas in increasing ordinal; false when the pass must stop here (OrderedReady). */
        private boolean processReplicas() {
            int start = spec.firstOrdinal();
            for (int ord = start; ord < start + spec.replicasOrDefault(); ord++) {
                Pod pod = replicas.get(ord);
                if (pod == null) {
                    if (claimsOfOldPodAreGoing(ord)) {
                        return false;
                    }
                    createClaims(ord, null);
                    podCreates.add(newPod(ord));
                    if (monotonic) {
                        return false;
                    }
                    continue;
                }
                if (finished(pod)) {
                    if (!terminating(pod)) {
                        podDeletes.add(pod);
                    }
                    if (monotonic) {
                        return false;
                    }
                    continue;
                }
                createClaims(ord, pod);
                if (monotonic && (terminating(pod) || !available(pod))) {
                    return false;
                }
            }
            return true;
        }

        /** Condemned pods, highest ordinal first; false when the pass must stop here (OrderedReady). */
        private boolean processCondemned() {
            Pod firstUnhealthy = firstUnhealthy();
            for (Map.Entry<Integer, Pod> entry : condemned.entrySet()) {
                Pod pod = entry.getValue();
                if (terminating(pod)) {
                    if (monotonic) {
                        return false;
                    }
                    continue;
                }
                if (monotonic && !available(pod) && pod != firstUnhealthy) {
                    return false;
                }
                retainClaims(entry.getKey(), pod, true);
                podDeletes.add(pod);
                if (monotonic) {
                    return false;
                }
            }
            return true;
        }

        /** The first pod not healthy: among the replicas in increasing ordinal, then the condemned likewise. */
        private Pod firstUnhealthy() {
            List<Pod> order = new ArrayList<>(replicas.values());
            order.addAll(condemned.descendingMap().values());
            return order.stream().filter(pod -> !healthy(pod)).findFirst().orElse(null);
        }

        /**
         * RollingUpdate: the replicas at or above the partition that are not of the update revision are made again,
         * highest ordinal first, one at a time once the pods above are healthy, or as many at once as maxUnavailable
         * allows counting the unhealthy replicas.
         */
        private void rollingUpdate() {
            StatefulSetUpdateStrategy.RollingUpdate rolling = spec.updateStrategy() == null ? null
                    : spec.updateStrategy().rollingUpdate();
            int start = spec.firstOrdinal();
            int from = start + (rolling == null || rolling.partition() == null ? 0 : rolling.partition());
            int end = start + spec.replicasOrDefault() - 1;
            if (rolling != null && rolling.maxUnavailable() != null) {
                int maxUnavailable = maxUnavailable(rolling.maxUnavailable(), spec.replicasOrDefault());
                int unavailable = 0;
                for (int ord = start; ord <= end; ord++) {
                    Pod pod = replicas.get(ord);
                    if (pod == null || podDeletes.contains(pod) || !healthy(pod)) {
                        unavailable++;
                    }
                }
                int budget = maxUnavailable - unavailable;
                for (int ord = end; ord >= from && budget > 0; ord--) {
                    Pod pod = replicas.get(ord);
                    if (pod != null && !podDeletes.contains(pod) && outdated(pod) && !terminating(pod)) {
                        podDeletes.add(pod);
                        budget--;
                    }
                }
                return;
            }
            for (int ord = end; ord >= from; ord--) {
                Pod pod = replicas.get(ord);
                if (pod == null || podDeletes.contains(pod)) {
                    return;
                }
                if (outdated(pod) && !terminating(pod)) {
                    podDeletes.add(pod);
                    return;
                }
                if (!healthy(pod)) {
                    return;
                }
            }
        }

        /** A percentage is of the replicas, rounded down; at least one. */
        private static int maxUnavailable(IntOrString value, int replicas) {
            int count = value.intValue() != null ? value.intValue()
                    : replicas * Integer.parseInt(value.strValue().replace("%", "").trim()) / 100;
            return Math.max(1, count);
        }

        /**
         * A new pod: from the current revision below the partition (RollingUpdate), from the update revision
         * otherwise, as Kubernetes' newVersionedStatefulSetPod.
         */
        private ObjectNode newPod(int ordinal) {
            StatefulSetUpdateStrategy strategy = spec.updateStrategy();
            boolean rollingUpdate = strategy == null || !strategy.onDelete();
            int start = spec.firstOrdinal();
            int currentBelow = strategy != null && strategy.rollingUpdate() != null
                    ? start + Optional.ofNullable(strategy.rollingUpdate().partition()).orElse(0)
                    : start + setTree.path("status").path("currentReplicas").asInt(0);
            if (rollingUpdate && ordinal < currentBelow) {
                return StatefulPods.pod(setTree, revisions.currentTemplate(), revisions.current(), ordinal);
            }
            ObjectNode template = (ObjectNode) setTree.path("spec").path("template");
            return StatefulPods.pod(setTree, template, revisions.update(), ordinal);
        }

        /** Kubernetes' PodClaimIsStale: a claim of the ordinal being deleted must be gone before its pod is made again. */
        private boolean claimsOfOldPodAreGoing(int ordinal) {
            return StatefulPods.claimNames(setTree, ordinal).stream().map(claims::get)
                    .anyMatch(claim -> claim != null && claim.metadata().deleting());
        }

        /** Makes the missing claims of the ordinal and brings the others' owner references in line with the policy. */
        private void createClaims(int ordinal, Pod pod) {
            JsonNode podTree = pod == null ? null : Json.tree(pod);
            for (ObjectNode claim : StatefulPods.claims(setTree, ordinal)) {
                if (!claims.containsKey(claim.path("metadata").path("name").asText())) {
                    claimCreates.add(ClaimRetention.apply(claim, setTree, podTree, false));
                }
            }
            if (pod != null) {
                retainClaims(ordinal, pod, false);
            }
        }

        private void retainClaims(int ordinal, Pod pod, boolean scaledDown) {
            JsonNode podTree = Json.tree(pod);
            for (String claimName : StatefulPods.claimNames(setTree, ordinal)) {
                PersistentVolumeClaim claim = claims.get(claimName);
                if (claim == null || claim.metadata().deleting()) {
                    continue;
                }
                ObjectNode stored = (ObjectNode) Json.tree(claim);
                ObjectNode wanted = ClaimRetention.apply(stored, setTree, podTree, scaledDown);
                if (!Json.same(stored.path("metadata").path("ownerReferences"),
                        wanted.path("metadata").path("ownerReferences"))) {
                    claimUpdates.add(wanted);
                }
            }
        }

        private boolean available(Pod pod) {
            boolean available = runningAndReady(pod) && Pods.available(pod, minReady, now);
            if (!available && runningAndReady(pod)) {
                Pods.readySince(pod).map(since -> Duration.between(now, since.plusSeconds(minReady)).plusSeconds(1))
                        .filter(Duration::isPositive)
                        .ifPresent(wait -> recheck = Optional.of(recheck.filter(r -> r.compareTo(wait) < 0).orElse(wait)));
            }
            return available;
        }

        private boolean healthy(Pod pod) {
            return !terminating(pod) && available(pod);
        }

        private boolean outdated(Pod pod) {
            return !revisions.update().equals(revisionOf(pod));
        }
    }

    static boolean runningAndReady(Pod pod) {
        return PodStatus.RUNNING.equals(pod.phase()) && Pods.ready(pod);
    }

    static boolean terminating(Pod pod) {
        return pod.metadata().deleting();
    }

    static boolean finished(Pod pod) {
        return PodStatus.FAILED.equals(pod.phase()) || PodStatus.SUCCEEDED.equals(pod.phase());
    }

    static String revisionOf(Pod pod) {
        return pod.metadata().labels().getOrDefault(StatefulSetRevision.HASH_LABEL, "");
    }
}
