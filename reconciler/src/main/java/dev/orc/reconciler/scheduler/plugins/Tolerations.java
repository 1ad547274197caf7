package dev.orc.reconciler.scheduler.plugins;

import dev.orc.api.model.Taint;
import dev.orc.api.model.Toleration;
import dev.orc.reconciler.scheduler.framework.PodInfo;

/** Whether any of a pod's tolerations lets it past a taint. */
final class Tolerations {
    private Tolerations() {
    }

    static boolean tolerated(PodInfo pod, Taint taint) {
        for (Toleration toleration : pod.spec().tolerations()) {
            if (toleration.tolerates(taint)) {
                return true;
            }
        }
        return false;
    }
}
