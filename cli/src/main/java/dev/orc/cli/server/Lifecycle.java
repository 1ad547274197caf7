package dev.orc.cli.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/** Keeps a started server running until SIGTERM or SIGINT, then closes it before the JVM exits. */
final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private Lifecycle() {
    }

    static void runUntilSignalled(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("error while stopping: {}", e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "orc-shutdown"));
        stopped.await();
    }
}
