package dev.orc.reconciler.controller.nodelifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.json.Json;
import dev.orc.api.model.Condition;
import dev.orc.api.model.Conditions;
import dev.orc.api.model.Event;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Taint;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node lifecycle controller's decisions for one node: a node whose Ready heartbeat is older than the grace
 * period becomes Ready=Unknown; an unknown node carries the NoExecute taint {@code node.kubernetes.io/unreachable},
 * a node reporting Ready=False {@code node.kubernetes.io/not-ready}, a ready node neither, and a node whose agent
 * said it stopped keeps its taints as they are until its grace period ends (its containers still run, so nothing is
 * evicted before); the pods of a node that is not ready are marked not ready at once, so endpoints drop them; pods are evicted as {@link TaintEvictions} says,
 * force-deleted when the node cannot confirm they stopped.
 */
public final class NodeHealthPlanner {
    static final String UNKNOWN_REASON = "NodeStatusUnknown";
    static final String UNKNOWN_MESSAGE = "Kubelet stopped posting node status.";
    static final String NEVER_UPDATED_REASON = "NodeStatusNeverUpdated";
    static final String NEVER_UPDATED_MESSAGE = "Kubelet never posted node status.";
    private static final Duration RECHECK_SLACK = Duration.ofMillis(100);

    private NodeHealthPlanner() {
    }

    /** The node's heartbeat as written: its Ready condition's lastHeartbeatTime, else its creation time. */
    static String heartbeatOf(Node node) {
        NodeStatus status = node.status() == null
                ? new NodeStatus(null, null, null, null, null, null, null) : node.status();
        return status.condition(NodeStatus.READY).map(Condition::lastHeartbeatTime)
                .or(() -> Optional.ofNullable(node.metadata().creationTimestamp())).orElse("");
    }

    /** Decides with the heartbeat time as written on the node. */
    public static NodePlan plan(Cached<Node> cachedNode, List<Cached<Pod>> pods, Instant now, NodeLifecycleConfig config) {
        String written = heartbeatOf(cachedNode.view());
        return plan(cachedNode, pods, now, config, written.isEmpty() ? now : Timestamps.parse(written));
    }

    /** Decides with {@code heartbeat} as the time of the node's last sign of life. */
    public static NodePlan plan(Cached<Node> cachedNode, List<Cached<Pod>> pods, Instant now, NodeLifecycleConfig config,
                                Instant heartbeat) {
        Node node = cachedNode.view();
        String name = node.name();
        String timestamp = Timestamps.format(now);
        NodeStatus status = node.status() == null
                ? new NodeStatus(null, null, null, null, null, null, null) : node.status();
        Optional<Condition> ready = status.condition(NodeStatus.READY);
        Instant staleAt = heartbeat.plus(config.gracePeriod());
        boolean stale = now.isAfter(staleAt);
        List<NodePlan.Note> events = new ArrayList<>();

        Optional<ObjectNode> statusUpdate = Optional.empty();
        if (stale) {
            List<Condition> conditions = unknown(status.conditions(), ready.isPresent(), timestamp);
            if (!conditions.equals(status.conditions())) {
                ObjectNode copy = cachedNode.copy();
                copy.withObjectProperty("status").set("conditions", Json.tree(conditions));
                statusUpdate = Optional.of(copy);
                events.add(new NodePlan.Note(null, Event.NORMAL, "NodeNotReady", "Node " + name
                        + " status is now: NodeNotReady (no heartbeat for " + Duration.between(heartbeat, now).toSeconds() + "s)"));
            }
        }
        String readiness = stale ? Condition.UNKNOWN : ready.map(Condition::status).orElse(null);
        boolean notReady = readiness != null && !Condition.TRUE.equals(readiness);

        List<Taint> current = node.spec() == null ? List.of() : node.spec().taints();
        boolean agentStopped = !stale && ready.filter(c -> Condition.FALSE.equals(c.status())
                && NodeStatus.AGENT_STOPPED.equals(c.reason())).isPresent();
        String wanted = agentStopped ? healthTaint(current)
                : Condition.UNKNOWN.equals(readiness) ? NodeTaints.UNREACHABLE
                : Condition.FALSE.equals(readiness) ? NodeTaints.NOT_READY : null;
        List<Taint> taints = taints(current, wanted, timestamp);
        Optional<List<Taint>> taintUpdate = Optional.empty();
        if (!taints.equals(current)) {
            taintUpdate = Optional.of(taints);
            boolean hadHealthTaint = current.stream().anyMatch(NodeTaints::isNodeHealthTaint);
            if (wanted != null && current.stream().noneMatch(t -> wanted.equals(t.key()) && NodeTaints.isNodeHealthTaint(t))) {
                if (!stale || statusUpdate.isEmpty()) {
                    events.add(new NodePlan.Note(null, Event.NORMAL, "NodeNotReady",
                            "Node " + name + " status is now: NodeNotReady (Ready=" + readiness + ")"));
                }
                events.add(new NodePlan.Note(null, Event.NORMAL, "TaintAdded", "Added taint " + wanted + ":"
                        + Taint.NO_EXECUTE + "; pods without a toleration are evicted after "
                        + config.defaultToleration().toSeconds() + "s"));
            } else if (wanted == null && hadHealthTaint) {
                events.add(new NodePlan.Note(null, Event.NORMAL, "NodeReady", "Node " + name + " status is now: NodeReady"));
            }
        }

        List<ObjectNode> podsNotReady = new ArrayList<>();
        List<NodePlan.Eviction> evictions = new ArrayList<>();
        Optional<Duration> recheck = stale ? Optional.empty() : Optional.of(Duration.between(now, staleAt).plus(RECHECK_SLACK));
        for (Cached<Pod> cachedPod : pods) {
            Pod pod = cachedPod.view();
            if (pod.status() != null && pod.status().finished()) {
                continue;
            }
            if (notReady && stillReady(pod)) {
                podsNotReady.add(notReady(cachedPod, name, timestamp));
            }
            if (pod.metadata().deleting() && Long.valueOf(0).equals(pod.metadata().deletionGracePeriodSeconds())) {
                continue;
            }
            Optional<Instant> evictAt = TaintEvictions.evictAt(pod, taints, config.defaultToleration());
            if (evictAt.isEmpty()) {
                continue;
            }
            if (now.isBefore(evictAt.get())) {
                Duration wait = Duration.between(now, evictAt.get());
                recheck = Optional.of(recheck.filter(r -> r.compareTo(wait) < 0).orElse(wait));
                continue;
            }
            String podName = pod.namespace() + "/" + pod.name();
            evictions.add(new NodePlan.Eviction(pod, notReady, "Marking for deletion Pod " + podName));
            events.add(new NodePlan.Note(pod, Event.NORMAL, "TaintManagerEviction", "Marking for deletion Pod " + podName));
            events.add(new NodePlan.Note(null, Event.NORMAL, "TaintManagerEviction", "Evicting pod " + podName
                    + ": it does not tolerate the node's NoExecute taints any longer"));
        }
        return new NodePlan(statusUpdate, taintUpdate, podsNotReady, evictions, events, recheck);
    }

    /** Every condition Unknown, as Kubernetes marks a silent node; a node that never reported gets Ready=Unknown. */
    private static List<Condition> unknown(List<Condition> conditions, boolean everReported, String timestamp) {
        if (!everReported) {
            return Conditions.put(conditions, Condition.of(NodeStatus.READY, Condition.UNKNOWN, NEVER_UPDATED_REASON,
                    NEVER_UPDATED_MESSAGE, timestamp));
        }
        List<Condition> out = new ArrayList<>();
        for (Condition condition : conditions) {
            out.add(Condition.UNKNOWN.equals(condition.status()) ? condition
                    : condition.withStatus(Condition.UNKNOWN, UNKNOWN_REASON, UNKNOWN_MESSAGE).withLastTransitionTime(timestamp));
        }
        return List.copyOf(out);
    }

    /** The health taint the node carries now, if any: an agent that stopped changes none until the grace period ends. */
    private static String healthTaint(List<Taint> current) {
        return current.stream().filter(NodeTaints::isNodeHealthTaint).map(Taint::key).findFirst().orElse(null);
    }

    /** The node's taints with exactly the wanted health taint (keeping when it was added) and every NoExecute taint dated. */
    private static List<Taint> taints(List<Taint> current, String wanted, String timestamp) {
        List<Taint> out = new ArrayList<>();
        boolean present = false;
        for (Taint taint : current) {
            if (NodeTaints.isNodeHealthTaint(taint) && !taint.key().equals(wanted)) {
                continue;
            }
            present |= NodeTaints.isNodeHealthTaint(taint);
            boolean undated = Taint.NO_EXECUTE.equals(taint.effect()) && taint.timeAdded() == null;
            out.add(undated ? new Taint(taint.key(), taint.value(), taint.effect(), timestamp) : taint);
        }
        if (wanted != null && !present) {
            out.add(new Taint(wanted, null, Taint.NO_EXECUTE, timestamp));
        }
        return List.copyOf(out);
    }

    private static boolean stillReady(Pod pod) {
        PodStatus status = pod.status();
        if (status == null) {
            return true;
        }
        return !status.condition(PodStatus.READY).map(c -> Condition.FALSE.equals(c.status())).orElse(false)
                || !status.condition(PodStatus.CONTAINERS_READY).map(c -> Condition.FALSE.equals(c.status())).orElse(false);
    }

    private static ObjectNode notReady(Cached<Pod> cachedPod, String node, String timestamp) {
        Pod pod = cachedPod.view();
        List<Condition> conditions = pod.status() == null ? List.of() : pod.status().conditions();
        for (String type : List.of(PodStatus.READY, PodStatus.CONTAINERS_READY)) {
            conditions = Conditions.put(conditions, Condition.of(type, Condition.FALSE, "NodeNotReady",
                    "Node " + node + " is not ready", timestamp));
        }
        ObjectNode copy = cachedPod.copy();
        copy.withObjectProperty("status").set("conditions", Json.tree(conditions));
        return copy;
    }
}
