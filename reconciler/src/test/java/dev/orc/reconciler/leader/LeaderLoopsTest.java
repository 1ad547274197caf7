package dev.orc.reconciler.leader;

import dev.orc.api.client.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LeaderLoopsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Term TERM = new Term("/orc/election/test", "me", 7, 42);

    private final AtomicInteger closed = new AtomicInteger();

    @Test
    void theLoopsRunFromTheStartOfATermUntilItsEnd() {
        LeaderLoops loops = new LeaderLoops(term -> null, client -> closed::incrementAndGet, WAIT);

        loops.startedLeading(TERM);
        await().atMost(WAIT).until(loops::running);
        loops.stoppedLeading(TERM);

        assertThat(loops.running()).isFalse();
        assertThat(closed).hasValue(1);
    }

    @Test
    void aTermThatEndsWhileItsLoopsAreStartingInterruptsTheStartAndLeavesNothingRunning() throws Exception {
        CountDownLatch starting = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        LeaderLoops loops = new LeaderLoops(term -> null, client -> {
            starting.countDown();
            try {
                new CountDownLatch(1).await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return closed::incrementAndGet;
        }, WAIT);

        loops.startedLeading(TERM);
        assertThat(starting.await(10, TimeUnit.SECONDS)).isTrue();
        loops.stoppedLeading(TERM);

        assertThat(interrupted).hasValue(1);
        assertThat(loops.running()).isFalse();
    }

    @Test
    void theWorkGetsTheTermsClient() {
        ApiClient fenced = ApiClient.over(new FencedTransport(null, TERM.fence()));
        ApiClient[] given = new ApiClient[1];
        LeaderLoops loops = new LeaderLoops(term -> fenced, client -> {
            given[0] = client;
            return closed::incrementAndGet;
        }, WAIT);

        loops.startedLeading(TERM);
        await().atMost(WAIT).until(loops::running);

        assertThat(given[0]).isSameAs(fenced);
        loops.stoppedLeading(TERM);
    }
}
