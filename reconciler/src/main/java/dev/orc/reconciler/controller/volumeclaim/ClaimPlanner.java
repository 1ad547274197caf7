package dev.orc.reconciler.controller.volumeclaim;

import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.PersistentVolumeClaimSpec;
import dev.orc.api.model.PersistentVolumeClaimStatus;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.ResourceRequirements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the claim controller decides. orc has one storage, the node-local directory of the first pod that uses a
 * claim, so a claim is Bound at once with what it asked for. As Kubernetes' pvc-protection controller: a claim
 * carries {@code kubernetes.io/pvc-protection}, and once it is being deleted the finalizer goes only when no pod
 * that has not finished uses it.
 */
final class ClaimPlanner {
    private static final String STORAGE = "storage";

    private ClaimPlanner() {
    }

    static ClaimPlan plan(PersistentVolumeClaim claim, boolean inUse) {
        List<String> finalizers = claim.metadata().finalizers();
        boolean protectedNow = finalizers.contains(PersistentVolumeClaim.PROTECTION_FINALIZER);
        if (claim.metadata().deleting()) {
            if (protectedNow && !inUse) {
                List<String> rest = new ArrayList<>(finalizers);
                rest.remove(PersistentVolumeClaim.PROTECTION_FINALIZER);
                return new ClaimPlan(Optional.of(rest), Optional.empty());
            }
            return new ClaimPlan(Optional.empty(), Optional.empty());
        }
        Optional<List<String>> added = Optional.empty();
        if (!protectedNow) {
            List<String> more = new ArrayList<>(finalizers);
            more.add(PersistentVolumeClaim.PROTECTION_FINALIZER);
            added = Optional.of(more);
        }
        return new ClaimPlan(added, Optional.of(bound(claim.spec())));
    }

    private static PersistentVolumeClaimStatus bound(PersistentVolumeClaimSpec spec) {
        if (spec == null) {
            return new PersistentVolumeClaimStatus(PersistentVolumeClaimStatus.BOUND, List.of(), Map.of());
        }
        Map<String, Quantity> capacity = Optional.ofNullable(spec.resources()).map(ResourceRequirements::requests)
                .map(requests -> requests.get(STORAGE)).map(size -> Map.of(STORAGE, size)).orElse(Map.of());
        return new PersistentVolumeClaimStatus(PersistentVolumeClaimStatus.BOUND, spec.accessModes(), capacity);
    }
}
