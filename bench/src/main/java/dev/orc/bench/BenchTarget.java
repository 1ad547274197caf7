package dev.orc.bench;

import java.util.function.Consumer;

/** The operations the store benchmark times, implemented by orc's store and by the raw jetcd client. */
interface BenchTarget extends AutoCloseable {
    /** Creates the key; returns its modification revision. */
    long create(String key, byte[] value);

    /** Replaces the value if the key is at {@code expected}; returns the new modification revision. */
    long update(String key, byte[] value, long expected);

    /** Reads the key; returns its modification revision. */
    long get(String key);

    /** Lists every key under the prefix in pages of {@code pageSize} at one revision; returns how many. */
    int list(String prefix, int pageSize);

    /** Watches the prefix from now, handing each changed key to {@code onKey}. */
    AutoCloseable watch(String prefix, Consumer<String> onKey);

    @Override
    void close();
}
