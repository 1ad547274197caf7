package dev.orc.node.pod;

import dev.orc.api.model.Capabilities;
import dev.orc.api.model.Container;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSecurityContext;
import dev.orc.api.model.SeccompProfile;
import dev.orc.api.model.SecurityContext;
import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.runtime.Security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A container's security settings as Kubernetes merges them: the container's {@code runAsUser}, {@code runAsGroup},
 * {@code runAsNonRoot} and {@code seccompProfile} override the pod's; the pod's {@code supplementalGroups} and
 * {@code fsGroup} are added to the process's groups; the rest is the container's own.
 *
 * @param uid the user to run as; null for the image's
 * @param gid the primary group; null for the user's
 * @param podName the pod as the kubelet names it in messages, {@code name_namespace(uid)}
 */
public record ContainerSecurity(
        String podName,
        String containerName,
        Long uid,
        Long gid,
        boolean runAsNonRoot,
        List<Long> groups,
        boolean readOnlyRootFilesystem,
        boolean noNewPrivileges,
        Capabilities capabilities,
        boolean seccompUnconfined,
        boolean privileged) {

    public ContainerSecurity {
        groups = List.copyOf(groups);
    }

    public static ContainerSecurity of(Pod pod, Container container) {
        PodSecurityContext podContext = pod.spec().securityContextOrEmpty();
        SecurityContext own = container.securityContextOrEmpty();
        Set<Long> groups = new LinkedHashSet<>(podContext.supplementalGroups());
        if (podContext.fsGroup() != null) {
            groups.add(podContext.fsGroup());
        }
        SeccompProfile seccomp = own.seccompProfile() != null ? own.seccompProfile() : podContext.seccompProfile();
        return new ContainerSecurity(
                pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")",
                container.name(),
                own.runAsUser() != null ? own.runAsUser() : podContext.runAsUser(),
                own.runAsGroup() != null ? own.runAsGroup() : podContext.runAsGroup(),
                Boolean.TRUE.equals(own.runAsNonRoot() != null ? own.runAsNonRoot() : podContext.runAsNonRoot()),
                List.copyOf(groups),
                Boolean.TRUE.equals(own.readOnlyRootFilesystem()),
                Boolean.FALSE.equals(own.allowPrivilegeEscalation()),
                own.capabilities() == null ? new Capabilities(null, null) : own.capabilities(),
                seccomp != null && SeccompProfile.UNCONFINED.equals(seccomp.type()),
                Boolean.TRUE.equals(own.privileged()));
    }

    /** Whether {@link #runtime} needs the user the image runs as: to check it is not root, or to give it a group. */
    public boolean needsImageUser() {
        return uid == null && (runAsNonRoot || gid != null);
    }

    /**
     * What the runtime applies, given the user the image's config names ({@code ""} for root; read only when
     * {@link #needsImageUser}). With {@code runAsNonRoot}, a container that would run as root is refused in the
     * kubelet's words.
     *
     * @throws ContainerConfigException when {@code runAsNonRoot} cannot be verified or would be broken
     */
    public Security runtime(String imageUser) {
        String user = uid != null ? String.valueOf(uid) : "";
        if (runAsNonRoot) {
            verifyNonRoot(imageUser);
        }
        if (gid != null) {
            user = (uid != null ? user : imageUid(imageUser)) + ":" + gid;
        }
        return new Security(user, groups, readOnlyRootFilesystem, noNewPrivileges, capabilities.add(),
                capabilities.drop(), seccompUnconfined, privileged);
    }

    private void verifyNonRoot(String imageUser) {
        String where = " (pod: \"" + podName + "\", container: " + containerName + ")";
        if (uid != null) {
            if (uid == 0) {
                throw new ContainerConfigException("container's runAsUser breaks non-root policy" + where);
            }
            return;
        }
        String imageUid = imageUid(imageUser);
        if (!imageUid.chars().allMatch(Character::isDigit)) {
            throw new ContainerConfigException("container has runAsNonRoot and image has non-numeric user ("
                    + imageUid + "), cannot verify user is non-root" + where);
        }
        if (Long.parseLong(imageUid) == 0) {
            throw new ContainerConfigException("container has runAsNonRoot and image will run as root" + where);
        }
    }

    /** The user part of an image's {@code user[:group]}, {@code 0} when it names none. */
    private static String imageUid(String imageUser) {
        String user = imageUser == null ? "" : imageUser.split(":", 2)[0];
        return user.isEmpty() ? "0" : user;
    }
}
