package dev.orc.reconciler.apiserver.admission.podsecurity;

/** One check a pod fails, as Kubernetes words it: {@code hostPath volumes (volume "h")}. */
public record Violation(String check, String detail) {
    @Override
    public String toString() {
        return detail.isEmpty() ? check : check + " (" + detail + ")";
    }
}
