package dev.orc.reconciler.controller.volumeclaim;

import dev.orc.api.model.PersistentVolumeClaimStatus;

import java.util.List;
import java.util.Optional;

/** One step for a claim: its finalizers when they change, and the status it should have (empty: leave it). */
record ClaimPlan(Optional<List<String>> finalizers, Optional<PersistentVolumeClaimStatus> status) {
}
