package dev.orc.bench;

import java.time.Duration;

/** One minute (or sample period) of a soak run: the churn's requests and the server's vitals at its end. */
record SoakSample(Duration elapsed, Latencies.Summary requests, double serverWritesPerSecond, long residentBytes,
                  long liveHeapBytes, int threads, int openFiles, long storeBytes) {
}
