package dev.orc.api.model;

/**
 * A container's security settings; a field left out takes the pod's ({@link PodSecurityContext}) where the pod has
 * one, else the runtime's default.
 */
public record SecurityContext(
        Long runAsUser,
        Long runAsGroup,
        Boolean runAsNonRoot,
        Boolean readOnlyRootFilesystem,
        Boolean allowPrivilegeEscalation,
        Boolean privileged,
        Capabilities capabilities,
        SeccompProfile seccompProfile) {

    public static final SecurityContext NONE = new SecurityContext(null, null, null, null, null, null, null, null);
}
