package dev.orc.reconciler.controller.daemonset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.DaemonSet;
import dev.orc.api.model.DaemonSetStatus;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.Node;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.RollingUpdate;
import dev.orc.api.model.Timestamps;
import dev.orc.api.model.UpdateStrategy;
import dev.orc.reconciler.controller.Pods;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DaemonSet controller's decisions, computed from the DaemonSet, the nodes and the pods it controls, as
 * Kubernetes' daemon controller makes them: one pod on every node that should run one, none elsewhere, failed pods
 * replaced, and with the RollingUpdate strategy old pods taken down on at most maxUnavailable nodes at a time,
 * counting every node whose pod is missing or not yet available as unavailable. OnDelete replaces nothing by itself.
 */
public final class DaemonSetPlanner {
    private DaemonSetPlanner() {
    }

    public static DaemonSetPlan plan(ObjectNode daemonSetTree, List<Node> nodes, List<Pod> pods, Instant now) {
        DaemonSet daemonSet = Json.convert(daemonSetTree, DaemonSet.class);
        PodSpec template = Optional.ofNullable(daemonSet.spec().template()).map(t -> t.spec()).orElse(PodSpec.of());
        String revision = DaemonPods.revision(daemonSetTree);
        int minReadySeconds = Optional.ofNullable(daemonSet.spec().minReadySeconds()).orElse(0);

        Map<String, List<Pod>> byNode = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!pod.metadata().deleting()) {
                byNode.computeIfAbsent(String.valueOf(pod.nodeName()), n -> new ArrayList<>()).add(pod);
            }
        }
        byNode.values().forEach(list -> list.sort(oldestFirst()));

        List<ObjectNode> creates = new ArrayList<>();
        Set<Pod> deletes = new LinkedHashSet<>();
        Map<String, Pod> runningOnEligible = new LinkedHashMap<>();
        List<String> eligible = new ArrayList<>();
        int misscheduled = 0;
        Set<String> known = new LinkedHashSet<>();
        for (Node node : nodes.stream().sorted(Comparator.comparing(Node::name)).toList()) {
            String name = node.name();
            known.add(name);
            DaemonPlacement.Fit fit = DaemonPlacement.fit(template, node);
            List<Pod> here = byNode.getOrDefault(name, List.of());
            if (fit.shouldRun()) {
                eligible.add(name);
            } else if (!here.isEmpty()) {
                misscheduled++;
            }
            if (fit.shouldRun() || (fit.shouldContinueRunning() && !here.isEmpty())) {
                List<Pod> alive = new ArrayList<>();
                for (Pod pod : here) {
                    if (PodStatus.FAILED.equals(pod.phase())) {
                        deletes.add(pod);
                    } else {
                        alive.add(pod);
                    }
                }
                if (alive.isEmpty() && fit.shouldRun()) {
                    creates.add(DaemonPods.forNode(daemonSetTree, daemonSet, revision, name));
                } else if (!alive.isEmpty()) {
                    Pod keep = alive.stream().filter(p -> DaemonPods.current(p, revision)).findFirst().orElse(alive.get(0));
                    alive.stream().filter(p -> p != keep).forEach(deletes::add);
                    runningOnEligible.put(name, keep);
                }
            } else {
                deletes.addAll(here);
            }
        }
        byNode.forEach((node, here) -> {
            if (!known.contains(node)) {
                deletes.addAll(here);
            }
        });

        if (rollingUpdate(daemonSet)) {
            deletes.addAll(rollingDeletes(daemonSet, eligible, byNode, revision, minReadySeconds, now));
        }

        DaemonSetStatus status = status(daemonSet, eligible, byNode, misscheduled, revision, minReadySeconds, now);
        return new DaemonSetPlan(creates, List.copyOf(deletes), status,
                recheck(runningOnEligible.values(), minReadySeconds, now));
    }

    private static boolean rollingUpdate(DaemonSet daemonSet) {
        UpdateStrategy strategy = daemonSet.spec().updateStrategy();
        return strategy == null || strategy.type() == null || UpdateStrategy.ROLLING_UPDATE.equals(strategy.type());
    }

    /**
     * Kubernetes' rolling update without surge: nodes with no pod or an unavailable new pod use up the budget;
     * unavailable old pods are replaced regardless; available old pods are taken down while budget remains.
     */
    private static List<Pod> rollingDeletes(DaemonSet daemonSet, List<String> eligible, Map<String, List<Pod>> byNode,
                                            String revision, int minReadySeconds, Instant now) {
        int maxUnavailable = maxUnavailable(daemonSet, eligible.size());
        int unavailable = 0;
        List<Pod> replaceAnyway = new ArrayList<>();
        List<Pod> candidates = new ArrayList<>();
        for (String node : eligible) {
            List<Pod> here = byNode.getOrDefault(node, List.of()).stream()
                    .filter(p -> !PodStatus.FAILED.equals(p.phase())).toList();
            List<Pod> fresh = here.stream().filter(p -> DaemonPods.current(p, revision)).toList();
            List<Pod> old = here.stream().filter(p -> !DaemonPods.current(p, revision)).toList();
            if (here.size() != 1) {
                unavailable++;
            } else if (!fresh.isEmpty()) {
                if (!Pods.available(fresh.get(0), minReadySeconds, now)) {
                    unavailable++;
                }
            } else if (!Pods.available(old.get(0), minReadySeconds, now)) {
                replaceAnyway.add(old.get(0));
            } else {
                candidates.add(old.get(0));
            }
        }
        int budget = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        List<Pod> deletes = new ArrayList<>(replaceAnyway);
        deletes.addAll(candidates.subList(0, budget));
        return deletes;
    }

    /** maxUnavailable of the desired number, rounded up as the daemon controller does; at least one. */
    static int maxUnavailable(DaemonSet daemonSet, int desired) {
        IntOrString value = Optional.ofNullable(daemonSet.spec().updateStrategy()).map(UpdateStrategy::rollingUpdate)
                .map(RollingUpdate::maxUnavailable).orElse(IntOrString.of(1));
        return Math.max(1, value.scaledValue(desired, true));
    }

    private static DaemonSetStatus status(DaemonSet daemonSet, List<String> eligible, Map<String, List<Pod>> byNode,
                                          int misscheduled, String revision, int minReadySeconds, Instant now) {
        int scheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        for (String node : eligible) {
            List<Pod> here = byNode.getOrDefault(node, List.of());
            if (here.isEmpty()) {
                continue;
            }
            scheduled++;
            Pod pod = here.stream().filter(p -> DaemonPods.current(p, revision)).findFirst().orElse(here.get(0));
            if (Pods.ready(pod)) {
                ready++;
            }
            if (Pods.available(pod, minReadySeconds, now)) {
                available++;
            }
            if (DaemonPods.current(pod, revision)) {
                updated++;
            }
        }
        Integer collisions = daemonSet.status() == null ? null : daemonSet.status().collisionCount();
        return new DaemonSetStatus(scheduled, misscheduled, eligible.size(), ready,
                daemonSet.metadata().generation(), updated, available, eligible.size() - available, collisions,
                daemonSet.status() == null ? List.of() : daemonSet.status().conditions());
    }

    /** When a ready pod will have been ready for minReadySeconds, if one is still waiting for that. */
    private static Optional<Duration> recheck(Iterable<Pod> pods, int minReadySeconds, Instant now) {
        if (minReadySeconds <= 0) {
            return Optional.empty();
        }
        Duration soonest = null;
        for (Pod pod : pods) {
            Optional<Instant> since = Pods.readySince(pod);
            if (since.isPresent() && !Pods.available(pod, minReadySeconds, now)) {
                Duration wait = Duration.between(now, since.get().plusSeconds(minReadySeconds)).plusSeconds(1);
                soonest = soonest == null || wait.compareTo(soonest) < 0 ? wait : soonest;
            }
        }
        return Optional.ofNullable(soonest);
    }

    private static Comparator<Pod> oldestFirst() {
        return Comparator.comparing((Pod p) -> Optional.ofNullable(p.metadata().creationTimestamp())
                        .map(Timestamps::parse).orElse(Instant.MAX))
                .thenComparing(p -> String.valueOf(p.name()));
    }
}
