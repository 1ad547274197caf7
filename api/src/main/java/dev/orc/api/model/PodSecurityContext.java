package dev.orc.api.model;

import java.util.List;

/**
 * Security settings of every container of a pod (each container's {@link SecurityContext} overrides the user, group,
 * runAsNonRoot and seccomp profile), and of its writable volumes: {@code fsGroup} owns them and, with
 * {@code supplementalGroups}, is added to every container's groups.
 */
public record PodSecurityContext(
        Long runAsUser,
        Long runAsGroup,
        Boolean runAsNonRoot,
        Long fsGroup,
        @OmitEmpty List<Long> supplementalGroups,
        SeccompProfile seccompProfile) {

    public static final PodSecurityContext NONE = new PodSecurityContext(null, null, null, null, null, null);

    public PodSecurityContext {
        supplementalGroups = Immutable.list(supplementalGroups);
    }
}
