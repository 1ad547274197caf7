package dev.orc.node.runtime;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a container's process is confined, as the runtime sets it up. {@link #DEFAULT} is the runtime's own: the image's
 * user, its default capabilities and seccomp profile, a writable root filesystem.
 *
 * @param user {@code uid} or {@code uid:gid} (numeric), or a name the image knows; empty for the image's user
 * @param groupAdd supplementary group ids of the process
 * @param capAdd capabilities added (names without {@code CAP_}, or {@code ALL})
 * @param capDrop capabilities dropped, applied before {@code capAdd}
 * @param seccompUnconfined no seccomp filter; else the runtime's default profile
 */
public record Security(
        String user,
        List<Long> groupAdd,
        boolean readOnlyRootFilesystem,
        boolean noNewPrivileges,
        List<String> capAdd,
        List<String> capDrop,
        boolean seccompUnconfined,
        boolean privileged) {

    public static final Security DEFAULT = new Security("", List.of(), false, false, List.of(), List.of(), false, false);
    private static final Pattern CAPABILITY = Pattern.compile("[A-Z_]+");

    public Security {
        user = user == null ? "" : user;
        groupAdd = List.copyOf(groupAdd);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        for (String cap : capAdd) {
            requireCapability(cap);
        }
        for (String cap : capDrop) {
            requireCapability(cap);
        }
    }

    private static void requireCapability(String cap) {
        if (!CAPABILITY.matcher(Objects.requireNonNull(cap, "capability")).matches()) {
            throw new IllegalArgumentException("not a capability name: '" + cap + "'");
        }
    }
}
