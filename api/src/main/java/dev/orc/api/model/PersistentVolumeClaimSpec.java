package dev.orc.api.model;

import java.util.List;

/** What a claim asks for: access modes, a size, a storage class, a volume mode and a selector of volumes. */
public record PersistentVolumeClaimSpec(@OmitEmpty List<String> accessModes, ResourceRequirements resources,
                                        String storageClassName, String volumeMode, LabelSelector selector,
                                        String volumeName) {
    public static final String FILESYSTEM = "Filesystem";

    public PersistentVolumeClaimSpec {
        accessModes = Immutable.list(accessModes);
    }
}
