package dev.orc.node.volume;

import java.nio.file.Path;
import java.util.List;

/**
 * Puts directories in memory (tmpfs) so that what is written there never reaches a disk: secret
 * volumes and {@code emptyDir.medium: Memory}. The node's implementation mounts tmpfs (the agent runs
 * as root, as the kubelet does); tests use plain directories.
 */
public interface MemoryMounts {

    /** Mounts a tmpfs of at most {@code sizeBytes} (0: the kernel's default, half the memory) on the directory, unless one is mounted there. */
    void mount(Path dir, long sizeBytes);

    /** Unmounts every tmpfs this agent mounted at or below {@code root}. */
    void unmountAll(Path root);

    /** Mounts tmpfs with {@code mount(8)} and finds mounts in {@code /proc/self/mounts}. */
    static MemoryMounts tmpfs() {
        return new TmpfsMounts(dev.orc.node.proxy.CommandRunner.processes(java.time.Duration.ofSeconds(10)),
                Path.of("/proc/self/mounts"));
    }

    /** Plain directories: nothing is mounted (tests, and nodes that accept secrets on disk). */
    MemoryMounts DIRECTORIES = new MemoryMounts() {
        @Override
        public void mount(Path dir, long sizeBytes) {
        }

        @Override
        public void unmountAll(Path root) {
        }
    };

    /** The mount points at or below {@code root} among {@code /proc/mounts} lines, deepest first. */
    static List<Path> below(Path root, List<String> mountLines) {
        return mountLines.stream().map(line -> line.split(" "))
                .filter(f -> f.length > 2)
                .map(f -> Path.of(f[1].replace("\\040", " ")))
                .filter(p -> p.startsWith(root))
                .sorted((a, b) -> b.getNameCount() - a.getNameCount())
                .toList();
    }
}
