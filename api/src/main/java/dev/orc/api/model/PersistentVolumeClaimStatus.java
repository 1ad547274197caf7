package dev.orc.api.model;

import java.util.List;
import java.util.Map;

/** A claim's phase (Pending, Bound, Lost) and what it was given. */
public record PersistentVolumeClaimStatus(String phase, @OmitEmpty List<String> accessModes,
                                          @OmitEmpty Map<String, Quantity> capacity) {
    public static final String PENDING = "Pending";
    public static final String BOUND = "Bound";
    public static final String LOST = "Lost";

    public PersistentVolumeClaimStatus {
        accessModes = Immutable.list(accessModes);
        capacity = Immutable.map(capacity);
    }
}
