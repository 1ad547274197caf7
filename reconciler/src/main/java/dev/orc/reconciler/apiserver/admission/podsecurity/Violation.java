package dev.orc.reconciler.apiserver.admission.podsecurity;

import java.util.List;

/** One check a pod fails, as Kubernetes words it: {@code hostPath volumes (volume "h")}. */
public record Violation(String check, List<String> details) {
    public Violation {
        details = List.copyOf(details);
    }

    @Override
    public String toString() {
        return details.isEmpty() ? check : check + " (" + String.join("; ", details) + ")";
    }
}
