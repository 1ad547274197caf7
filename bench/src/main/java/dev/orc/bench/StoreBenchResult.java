package dev.orc.bench;

/** One run of the store benchmark: operations per second and watch delivery latency in milliseconds. */
record StoreBenchResult(double createPerSecond, double updatePerSecond, double getPerSecond,
                        double listsPerSecond, double watchP50Millis, double watchP99Millis) {
    /** The better figure of each measurement over two runs. */
    StoreBenchResult best(StoreBenchResult other) {
        return new StoreBenchResult(Math.max(createPerSecond, other.createPerSecond),
                Math.max(updatePerSecond, other.updatePerSecond), Math.max(getPerSecond, other.getPerSecond),
                Math.max(listsPerSecond, other.listsPerSecond), Math.min(watchP50Millis, other.watchP50Millis),
                Math.min(watchP99Millis, other.watchP99Millis));
    }
}
