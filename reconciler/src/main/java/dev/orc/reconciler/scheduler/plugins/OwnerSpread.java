package dev.orc.reconciler.scheduler.plugins;

import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.ScorePlugin;
import dev.orc.reconciler.scheduler.framework.Snapshot;

/**
 * Spreads the pods of one controller (the same controlling ownerReference) across nodes: the raw
 * score is how many of them a node already has; normalized, the fullest node scores 0 and a node
 * with none 100. A pod without a controller scores 100 everywhere.
 */
public final class OwnerSpread implements ScorePlugin {
    public static final String NAME = "OwnerSpread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        return node.podsOfOwner(pod.ownerUid());
    }

    @Override
    public void normalize(PodInfo pod, long[] scores) {
        long max = 0;
        for (long score : scores) {
            max = Math.max(max, score);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == 0 ? MAX_SCORE : (max - scores[i]) * MAX_SCORE / max;
        }
    }
}
