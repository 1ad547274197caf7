package dev.orc.reconciler.scheduler.framework;

/** An amount of cpu (thousandths of a core) and memory (bytes), as the scheduler sums them. */
public record Resources(long milliCpu, long memory) {
    public static final Resources NONE = new Resources(0, 0);

    public Resources plus(Resources other) {
        return new Resources(milliCpu + other.milliCpu, memory + other.memory);
    }

    /** The larger of each amount, as an init container's request is compared with the app containers' sum. */
    public Resources max(Resources other) {
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory));
    }
}
