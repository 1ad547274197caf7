package dev.orc.reconciler.scheduler.framework;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scheduling decision: the filter plugins over the nodes (a node fails at the first plugin that rejects
 * it), then the weighted sum of the score plugins over the nodes that passed. The highest total wins; among
 * equal totals the pick depends only on the pod's uid and the tied nodes' names, so the same state always
 * gives the same placement while equal pods still spread out.
 *
 * <p>In a large cluster, as kube-scheduler does with its default {@code percentageOfNodesToScore}, filtering
 * stops once enough nodes passed: all of them below 100 nodes, else an adaptive share ({@code 50 - nodes/125}
 * percent, at least 5 % and at least 100 nodes). The walk starts at a node chosen by the pod's uid, so
 * the sample differs between pods and stays the same for the same state. A pod that fits nowhere is still
 * checked against every node, so its message counts every reason.
 */
public final class Framework {
    /** A score plugin and how much its 0..100 counts in the total. */
    public record WeightedScore(ScorePlugin plugin, int weight) {
    }

    /** Below this many nodes every node is filtered and scored; above it, at least this many feasible ones. */
    static final int MIN_FEASIBLE_NODES = 100;
    private static final int MIN_FEASIBLE_PERCENTAGE = 5;

    private final List<FilterPlugin> filters;
    private final List<WeightedScore> scores;
    private final boolean sampleLargeClusters;

    /** A framework that samples large clusters as kube-scheduler does by default. */
    public Framework(List<FilterPlugin> filters, List<WeightedScore> scores) {
        this(filters, scores, true);
    }

    /** @param sampleLargeClusters false filters and scores every node, whatever the cluster's size */
    public Framework(List<FilterPlugin> filters, List<WeightedScore> scores, boolean sampleLargeClusters) {
        this.filters = List.copyOf(filters);
        this.scores = List.copyOf(scores);
        this.sampleLargeClusters = sampleLargeClusters;
    }

    /** How many feasible nodes a decision looks for among {@code nodes}, as kube-scheduler's adaptive default. */
    static int feasibleNodesToFind(int nodes) {
        if (nodes < MIN_FEASIBLE_NODES) {
            return nodes;
        }
        int percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - nodes / 125);
        return Math.max(MIN_FEASIBLE_NODES, nodes * percentage / 100);
    }

    public ScheduleResult schedule(PodInfo pod, Snapshot snapshot) {
        List<NodeInfo> all = snapshot.nodes();
        int wanted = sampleLargeClusters ? feasibleNodesToFind(all.size()) : all.size();
        List<NodeInfo> feasible = new ArrayList<>(wanted);
        Map<String, Status> failed = new LinkedHashMap<>();
        Predicate<NodeInfo> withClaims = VolumeClaimLocality.candidates(pod, all);
        int first = all.isEmpty() ? 0 : Math.floorMod(stableHash(pod), all.size());
        for (int i = 0; i < all.size() && feasible.size() < wanted; i++) {
            NodeInfo node = all.get((first + i) % all.size());
            Status status = withClaims.test(node) ? filter(pod, node)
                    : Status.unschedulable(VolumeClaimLocality.NAME, VolumeClaimLocality.REASON);
            if (status.success()) {
                feasible.add(node);
            } else {
                failed.put(node.name(), status);
            }
        }
        if (feasible.isEmpty()) {
            return new FitError(all.size(), failed);
        }
        if (feasible.size() == 1) {
            return new ScheduleResult.Placement(feasible.getFirst().name(), 1, all.size());
        }
        long[] totals = score(pod, feasible, snapshot);
        return new ScheduleResult.Placement(pick(pod, feasible, totals).name(), feasible.size(), all.size());
    }

    /** The first rejection among the filters, or success. */
    public Status filter(PodInfo pod, NodeInfo node) {
        for (FilterPlugin plugin : filters) {
            Status status = plugin.filter(pod, node);
            if (!status.success()) {
                return status;
            }
        }
        return Status.SUCCESS;
    }

    /** The weighted total of every score plugin for each of {@code nodes}, in their order. */
    public long[] score(PodInfo pod, List<NodeInfo> nodes, Snapshot snapshot) {
        long[] totals = new long[nodes.size()];
        long[] raw = new long[nodes.size()];
        for (WeightedScore weighted : scores) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = weighted.plugin().score(pod, nodes.get(i), snapshot);
            }
            weighted.plugin().normalize(pod, raw);
            for (int i = 0; i < raw.length; i++) {
                long bounded = Math.max(0, Math.min(ScorePlugin.MAX_SCORE, raw[i]));
                totals[i] += weighted.weight() * bounded;
            }
        }
        return totals;
    }

    private static NodeInfo pick(PodInfo pod, List<NodeInfo> nodes, long[] totals) {
        long best = Long.MIN_VALUE;
        int[] tied = new int[totals.length];
        int ties = 0;
        for (int i = 0; i < totals.length; i++) {
            if (totals[i] > best) {
                best = totals[i];
                ties = 0;
            }
            if (totals[i] == best) {
                tied[ties++] = i;
            }
        }
        return nodes.get(tied[Math.floorMod(stableHash(pod), ties)]);
    }

    /** A hash of the pod's uid (its key when it has none) that is the same in every run. */
    private static int stableHash(PodInfo pod) {
        String identity = pod.uid() != null ? pod.uid() : pod.key().toString();
        int h = identity.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
