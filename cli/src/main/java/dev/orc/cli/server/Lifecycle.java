package dev.orc.cli.server;

import java.util.concurrent.CountDownLatch;

/** Keeps a started server running until SIGTERM or SIGINT, then closes it before the JVM exits. */
final class Lifecycle {
    private Lifecycle() {
    }

    static void runUntilSignalled(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "orc-shutdown"));
        stopped.await();
    }
}
