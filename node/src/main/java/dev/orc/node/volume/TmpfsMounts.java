package dev.orc.node.volume;

import dev.orc.node.proxy.CommandRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link MemoryMounts} by {@code mount -t tmpfs} and {@code umount}. */
final class TmpfsMounts implements MemoryMounts {

    private final CommandRunner commands;
    private final Path mountTable;

    TmpfsMounts(CommandRunner commands, Path mountTable) {
        this.commands = commands;
        this.mountTable = mountTable;
    }

    @Override
    public void mount(Path dir, long sizeBytes) {
        if (MemoryMounts.below(dir, mounts()).contains(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of("mount", "-t", "tmpfs", "-o",
                "mode=0755" + (sizeBytes > 0 ? ",size=" + sizeBytes : ""), "tmpfs", dir.toString()));
        CommandRunner.Outcome outcome = commands.run(command);
        if (!outcome.ok()) {
            throw new IllegalStateException("cannot mount a tmpfs on " + dir + " (the node agent must run as root): "
                    + outcome.output());
        }
    }

    @Override
    public void unmountAll(Path root) {
        for (Path point : MemoryMounts.below(root, mounts())) {
            CommandRunner.Outcome outcome = commands.run(List.of("umount", point.toString()));
            if (!outcome.ok()) {
                throw new IllegalStateException("cannot unmount " + point + ": " + outcome.output());
            }
        }
    }

    private List<String> mounts() {
        try {
            return Files.readAllLines(mountTable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mountTable + ": " + e.getMessage(), e);
        }
    }
}
