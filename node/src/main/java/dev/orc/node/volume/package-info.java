/**
 * Pod volumes on the node, under the agent's data dir ({@link dev.orc.node.volume.PodVolumes}): emptyDir,
 * hostPath with type checks, configMap and secret projections written atomically (a {@code ..data}
 * symlink swapped by rename, refreshed while the pod runs; subPath mounts keep their first content),
 * secrets and {@code medium: Memory} emptyDirs on tmpfs (the agent must run as root to mount it), and
 * persistentVolumeClaims as node-local directories {@code claims/<namespace>/<claim>} that outlive pods.
 * The first use of a claim on a node labels the Node {@code orc.dev/pvc-<namespace>.<claim>=true}
 * ({@code dev.orc.api.model.ClaimLabels}) so that the scheduler can keep the claim's pods there.
 */
package dev.orc.node.volume;
