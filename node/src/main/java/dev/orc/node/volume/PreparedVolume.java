package dev.orc.node.volume;

import java.nio.file.Path;

/**
 * A pod volume ready on the node.
 *
 * @param readOnly mounted read-only into every container (configMap, secret, a read-only claim)
 * @param projected its files are written by the agent and refreshed (configMap, secret)
 */
public record PreparedVolume(Path hostPath, boolean readOnly, boolean projected) {
}
