package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.PreferredSchedulingTerm;
import dev.orc.reconciler.scheduler.framework.NodeInfo;
import dev.orc.reconciler.scheduler.framework.PodInfo;
import dev.orc.reconciler.scheduler.framework.ScorePlugin;
import dev.orc.reconciler.scheduler.framework.Snapshot;

import java.util.List;
import java.util.Map;

/**
 * Preferred node affinity: a node's raw score is the sum of the weights of the preferred terms it
 * matches; normalized, the best-matching node scores 100 and the others in proportion.
 */
public final class PreferredNodeAffinity implements ScorePlugin {
    public static final String NAME = "PreferredNodeAffinity";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node, Snapshot snapshot) {
        List<PreferredSchedulingTerm> terms = pod.spec().preferredNodeAffinity();
        if (terms.isEmpty()) {
            return 0;
        }
        ObjectMeta meta = node.node().metadata();
        Map<String, String> labels = meta == null ? Map.of() : meta.labels();
        long sum = 0;
        for (PreferredSchedulingTerm term : terms) {
            if (term.weight() != null && term.preference() != null && term.preference().matches(labels, node.name())) {
                sum += term.weight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(PodInfo pod, long[] scores) {
        long max = 0;
        for (long score : scores) {
            max = Math.max(max, score);
        }
        if (max == 0) {
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scores[i] * MAX_SCORE / max;
        }
    }
}
