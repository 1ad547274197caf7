package dev.orc.cli.bench;

/** One run of the store benchmark: operations per second and watch delivery latency in milliseconds. */
record StoreBenchResult(double createPerSecond, double updatePerSecond, double getPerSecond,
                        double listsPerSecond, double watchP50Millis, double watchP99Millis) {
}
