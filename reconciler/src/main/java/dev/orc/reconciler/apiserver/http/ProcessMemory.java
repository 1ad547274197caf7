package dev.orc.reconciler.apiserver.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * How much memory this process holds: the live heap (what the heap pools held right after their last collection,
 * which for the old generation means after the last full or mixed collection) and the resident set size the kernel
 * reports in {@code /proc/self/status}.
 */
final class ProcessMemory {
    private final Path procStatus;
    private final List<MemoryPoolMXBean> pools;

    ProcessMemory(Path procStatus, List<MemoryPoolMXBean> pools) {
        this.procStatus = procStatus;
        this.pools = List.copyOf(pools);
    }

    static ProcessMemory ofThisProcess() {
        return new ProcessMemory(Path.of("/proc/self/status"), ManagementFactory.getMemoryPoolMXBeans());
    }

    /** The heap in use after the last collection of each heap pool, summed over the pools. */
    long liveHeapBytes() {
        long live = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage afterCollection = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterCollection != null) {
                live += afterCollection.getUsed();
            }
        }
        return live;
    }

    /** The resident set size ({@code VmRSS}), or empty where the kernel does not report one (not Linux). */
    OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(kilobytes(line.substring("VmRSS:".length())) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static long kilobytes(String value) {
        String number = value.strip();
        if (!number.endsWith(" kB")) {
            throw new IllegalStateException("VmRSS is not in kB: \"" + number + "\"");
        }
        return Long.parseLong(number.substring(0, number.length() - 3).strip());
    }
}
