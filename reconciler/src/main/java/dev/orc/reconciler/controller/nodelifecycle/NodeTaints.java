package dev.orc.reconciler.controller.nodelifecycle;

import dev.orc.api.model.Taint;

/** The taints the node lifecycle controller owns: it adds and removes them as node health changes. */
public final class NodeTaints {
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";

    private NodeTaints() {
    }

    public static boolean isNodeHealthTaint(Taint taint) {
        return Taint.NO_EXECUTE.equals(taint.effect())
                && (UNREACHABLE.equals(taint.key()) || NOT_READY.equals(taint.key()));
    }

    static String describe(Taint taint) {
        return taint.key() + ":" + taint.effect();
    }
}
