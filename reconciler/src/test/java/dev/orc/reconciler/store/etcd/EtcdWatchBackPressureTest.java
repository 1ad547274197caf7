package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.store.WatchEvent;
import dev.orc.reconciler.store.WatchListener;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EtcdWatchBackPressureTest {
    private static final int MAX_BACKLOG = 10;
    private static final int WRITES = 300;

    @Test
    void aListenerFarBehindHoldsAtMostTheBacklogAndStillGetsEveryEventOnceInOrder() throws InterruptedException {
        EtcdConfig config = EtcdConfig.of(List.of(EtcdFixture.etcd().endpoint()));
        String prefix = "/backpressure/" + System.nanoTime() + "/";
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> revisions = new CopyOnWriteArrayList<>();
        WatchListener slow = new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                blocked.countDown();
                awaitRelease(release);
                revisions.add(event.revision());
            }

            @Override
            public void onError(StoreException error) {
                throw new AssertionError("the watch ended", error);
            }
        };
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        try (EtcdStore store = EtcdStore.open(config); Client client = EtcdStore.client(config)) {
            long start = store.currentRevision();
            EtcdWatch watch = new EtcdWatch(client.getWatchClient(), prefix, start, slow, retries, Duration.ofMinutes(1),
                    () -> { }, MAX_BACKLOG);
            watch.start();
            store.create(prefix + 0, new byte[] {1}, 0);
            assertThat(blocked.await(30, TimeUnit.SECONDS)).as("the listener took the first event").isTrue();
            store.create(prefix + 1, new byte[] {1}, 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.backlog() == 1);
            int largestBacklog = 1;
            for (int i = 2; i < WRITES; i++) {
                store.create(prefix + i, new byte[] {1}, 0);
                largestBacklog = Math.max(largestBacklog, watch.backlog());
            }

            release.countDown();

            await().atMost(Duration.ofSeconds(30)).until(() -> revisions.size() >= WRITES);
            assertThat(largestBacklog).as("events queued behind a blocked listener while one already waits (unbounded, "
                    + "all %d would queue; however etcd batches them, a response that would pass the limit is left to etcd)",
                    WRITES).isLessThanOrEqualTo(MAX_BACKLOG);
            assertThat(revisions).containsExactlyElementsOf(LongStream.rangeClosed(start + 1, start + WRITES).boxed().toList());
            watch.close();
        } finally {
            retries.shutdownNow();
        }
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
