package dev.orc.node.net;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServeLoopTest {

    @Test
    void anIoErrorWhileOpenIsRetriedAndTheLoopGoesOnServing() {
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();

        ServeLoop.run("test listener", LoggerFactory.getLogger(ServeLoopTest.class), stopped::get, () -> {
            int step = steps.incrementAndGet();
            if (step <= 3) {
                throw new IOException("Too many open files");
            }
            if (served.incrementAndGet() == 2) {
                stopped.set(true);
            }
        });

        assertThat(steps.get()).isEqualTo(5);
        assertThat(served.get()).isEqualTo(2);
    }

    @Test
    void anErrorAfterTheListenerWasStoppedEndsTheLoopAtOnce() {
        AtomicInteger steps = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();

        ServeLoop.run("test listener", LoggerFactory.getLogger(ServeLoopTest.class), stopped::get, () -> {
            steps.incrementAndGet();
            stopped.set(true);
            throw new IOException("Socket closed");
        });

        assertThat(steps.get()).isEqualTo(1);
    }
}
