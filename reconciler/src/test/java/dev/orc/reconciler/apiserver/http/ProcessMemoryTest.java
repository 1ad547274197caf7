package dev.orc.reconciler.apiserver.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessMemoryTest {
    @TempDir
    Path dir;

    @Test
    void theLiveHeapIsWhatTheHeapPoolsHeldAfterTheirLastCollection() {
        List<MemoryPoolMXBean> pools = List.of(pool(MemoryType.HEAP, 1000L), pool(MemoryType.HEAP, 200L),
                pool(MemoryType.HEAP, null), pool(MemoryType.NON_HEAP, 50_000L));

        assertThat(new ProcessMemory(dir.resolve("status"), pools).liveHeapBytes()).isEqualTo(1200);
    }

    @Test
    void theResidentSetSizeIsVmRssInBytes() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\n");

        assertThat(new ProcessMemory(status, List.of()).residentBytes()).hasValue(123456L * 1024);
    }

    @Test
    void noResidentSetSizeWhereTheKernelReportsNone() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "Name:\tjava\n");

        assertThat(new ProcessMemory(status, List.of()).residentBytes()).isEmpty();
        assertThat(new ProcessMemory(dir.resolve("absent"), List.of()).residentBytes()).isEmpty();
    }

    @Test
    void aResidentSetSizeInAnotherUnitIsAnError() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "VmRSS:\t 12 MB\n");

        assertThatThrownBy(() -> new ProcessMemory(status, List.of()).residentBytes())
                .hasMessageContaining("VmRSS is not in kB: \"12 MB\"");
    }

    @Test
    void metricsReportTheLiveHeapAndResidentSetOfThisProcess() {
        System.gc();

        String metrics = new ApiMetrics().render();

        assertThat(metrics).contains("# TYPE orc_jvm_live_heap_bytes gauge");
        assertThat(gauge(metrics, "orc_jvm_live_heap_bytes")).isPositive();
        if (Files.exists(Path.of("/proc/self/status"))) {
            assertThat(gauge(metrics, "orc_process_resident_memory_bytes"))
                    .isGreaterThan(gauge(metrics, "orc_jvm_live_heap_bytes"));
        }
    }

    @Test
    void metricsOfAFakeProcessShowItsFigures() throws IOException {
        Path status = Files.writeString(dir.resolve("status"), "VmRSS:\t 2 kB\n");

        String metrics = new ApiMetrics(new ProcessMemory(status, List.of(pool(MemoryType.HEAP, 7L)))).render();

        assertThat(metrics).contains("orc_jvm_live_heap_bytes 7\n", "orc_process_resident_memory_bytes 2048\n");
    }

    private static long gauge(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(metrics);
        assertThat(value.find()).as(name + " in\n" + metrics).isTrue();
        return Long.parseLong(value.group(1));
    }

    /** A memory pool of {@code type} that held {@code usedAfterCollection} bytes after its last collection. */
    private static MemoryPoolMXBean pool(MemoryType type, Long usedAfterCollection) {
        MemoryUsage usage = usedAfterCollection == null ? null : new MemoryUsage(0, usedAfterCollection, usedAfterCollection, -1);
        Map<String, Object> answers = new HashMap<>();
        answers.put("getType", type);
        answers.put("getCollectionUsage", usage);
        return (MemoryPoolMXBean) Proxy.newProxyInstance(MemoryPoolMXBean.class.getClassLoader(),
                new Class<?>[]{MemoryPoolMXBean.class}, (proxy, method, args) -> {
                    if (!answers.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return answers.get(method.getName());
                });
    }
}
