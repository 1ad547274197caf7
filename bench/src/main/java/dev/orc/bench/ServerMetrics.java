package dev.orc.bench;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the idle benchmark reads from a server's {@code /metrics}: the live heap after the last full collection,
 * the resident set, and the write requests so far by resource.
 */
record ServerMetrics(long liveHeapBytes, long residentBytes, Map<String, Long> writeRequests) {
    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final Pattern REQUESTS = Pattern.compile(
            "^orc_apiserver_requests_total\\{verb=\"([^\"]*)\",resource=\"([^\"]*)\",code=\"[^\"]*\"} (\\d+)$");

    ServerMetrics {
        writeRequests = Map.copyOf(writeRequests);
    }

    static ServerMetrics parse(String text) {
        Map<String, Long> writes = new TreeMap<>();
        for (String line : text.lines().toList()) {
            Matcher request = REQUESTS.matcher(line);
            if (request.matches() && WRITE_VERBS.contains(request.group(1))) {
                writes.merge(request.group(2), Long.parseLong(request.group(3)), Long::sum);
            }
        }
        return new ServerMetrics(gauge(text, "orc_jvm_live_heap_bytes"), gauge(text, "orc_process_resident_memory_bytes"),
                writes);
    }

    /** The write requests of each resource since {@code earlier}. */
    Map<String, Long> writeRequestsSince(ServerMetrics earlier) {
        Map<String, Long> delta = new TreeMap<>();
        writeRequests.forEach((resource, count) -> {
            long since = count - earlier.writeRequests.getOrDefault(resource, 0L);
            if (since > 0) {
                delta.put(resource, since);
            }
        });
        return delta;
    }

    private static long gauge(String text, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(text);
        if (!value.find()) {
            throw new IllegalStateException("the server's /metrics have no " + name);
        }
        return Long.parseLong(value.group(1));
    }
}
