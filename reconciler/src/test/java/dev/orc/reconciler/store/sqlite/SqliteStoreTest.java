package dev.orc.reconciler.store.sqlite;

import dev.orc.reconciler.store.KeyExistsException;
import dev.orc.reconciler.store.ListOptions;
import dev.orc.reconciler.store.RevisionCompactedException;
import dev.orc.reconciler.store.RevisionConflictException;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreContractTest;
import dev.orc.reconciler.store.StoreException;
import dev.orc.reconciler.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dataDir;

    private SqliteOptions options() {
        return new SqliteOptions(Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMinutes(5), 10_000,
                Clock.systemUTC());
    }

    @Override
    protected Store openStore() {
        return SqliteStore.open(dataDir, options());
    }

    @Override
    protected Store restart(Store current) {
        current.close();
        return SqliteStore.open(dataDir, options());
    }

    @Override
    protected boolean watchesSurviveRestart() {
        return false;
    }

    @Test
    void concurrentWritesCommittedTogetherKeepEachCallersOwnOutcomeAndGaplessRevisions() throws Exception {
        long before = store.currentRevision();
        int threads = 16;
        int perThread = 40;
        List<Long> revisions = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger contestedWins = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long created = store.create(prefix + thread + "/" + i, new byte[]{(byte) i}, 0).modRevision();
                        revisions.add(created);
                        try {
                            revisions.add(store.create(prefix + "contested/" + i, new byte[]{(byte) thread}, 0).modRevision());
                            contestedWins.incrementAndGet();
                        } catch (KeyExistsException e) {
                            rejected.incrementAndGet();
                        }
                        try {
                            store.update(prefix + thread + "/" + i, new byte[0], created - 1, 0);
                        } catch (RevisionConflictException e) {
                            rejected.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(contestedWins.get()).isEqualTo(perThread);
        assertThat(rejected.get()).isEqualTo(threads * perThread + (threads - 1) * perThread);
        List<Long> sorted = revisions.stream().sorted().toList();
        assertThat(sorted).hasSize(threads * perThread + perThread).doesNotHaveDuplicates();
        assertThat(sorted.getFirst()).isEqualTo(before + 1);
        assertThat(sorted.getLast()).isEqualTo(store.currentRevision()).isEqualTo(before + sorted.size());
        for (int t = 0; t < threads; t++) {
            assertThat(store.get(prefix + t + "/" + (perThread - 1)).orElseThrow().value()).containsExactly((byte) (perThread - 1));
        }
    }

    @Test
    void leasesGetTheirFullTtlAgainAfterTheStoreWasClosedAndExpireOnTheInjectedClock() {
        ManualClock clock = new ManualClock();
        store.close();
        store = SqliteStore.open(dataDir, options().withClock(clock));
        long lease = store.grantLease(Duration.ofSeconds(10));
        store.create(prefix + "held", new byte[0], lease);
        store.close();
        clock.advance(Duration.ofMinutes(5));

        store = SqliteStore.open(dataDir, options().withClock(clock));
        clock.advance(Duration.ofSeconds(9));
        store.keepAlive(lease);
        clock.advance(Duration.ofSeconds(9));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> store.get(prefix + "held").isPresent());
        clock.advance(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.get(prefix + "held").isEmpty());
        assertThatThrownBy(() -> store.keepAlive(lease)).isInstanceOf(dev.orc.reconciler.store.LeaseNotFoundException.class);
    }

    @Test
    void aSecondOpenOfTheSameDataDirectoryIsRefusedClearly() {
        assertThatThrownBy(() -> SqliteStore.open(dataDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("already in use by another orc process")
                .hasMessageContaining(dataDir.toString());
    }

    @Test
    void closingReleasesTheDataDirectoryAndKeepsTheData() {
        store.create(prefix + "a", "kept".getBytes(StandardCharsets.UTF_8), 0);
        long revision = store.currentRevision();

        store = restart(store);

        assertThat(store.currentRevision()).isEqualTo(revision);
        assertThat(store.get(prefix + "a")).isPresent();
        assertThat(store.create(prefix + "b", new byte[0], 0).modRevision()).isEqualTo(revision + 1);
    }

    @Test
    void revisionsAreNeverReusedAfterCompactingAwayTheLatestDeletion() {
        store.create(prefix + "a", new byte[0], 0);
        store.delete(prefix + "a", 0);
        long revision = store.currentRevision();
        store.compact(revision);

        store = restart(store);

        assertThat(store.currentRevision()).isEqualTo(revision);
        assertThat(store.create(prefix + "b", new byte[0], 0).modRevision()).isEqualTo(revision + 1);
    }

    @Test
    void backgroundCompactionKeepsOnlyTheRetainedRevisions() {
        store.close();
        store = SqliteStore.open(dataDir, new SqliteOptions(Duration.ofMillis(200), Duration.ofMillis(50),
                Duration.ofMillis(100), 5, Clock.systemUTC()));
        long first = store.create(prefix + "a", new byte[0], 0).modRevision();
        for (int i = 0; i < 10; i++) {
            store.create(prefix + "k" + i, new byte[0], 0);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> store.list(prefix, new ListOptions(0, null, first)))
                        .isInstanceOf(RevisionCompactedException.class));
        assertThat(store.list(prefix, ListOptions.all()).items()).hasSize(11);
        assertThat(store.list(prefix, new ListOptions(0, null, store.currentRevision() - 5)).items()).hasSize(6);
    }

    @Test
    void aKilledProcessLosesNoAcknowledgedWriteAndHoldsTheDirectoryWhileAlive() throws Exception {
        store.close();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                SqliteWriterProcess.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 300 && (line = out.readLine()) != null) {
                acknowledged.add(line);
            }
            assertThat(acknowledged).as("keys the writer acknowledged before it was killed").hasSize(300);
            assertThatThrownBy(() -> SqliteStore.open(dataDir))
                    .isInstanceOf(StoreException.class).hasMessageContaining("already in use");
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } catch (IOException | AssertionError e) {
            child.destroyForcibly();
            throw e;
        }

        store = SqliteStore.open(dataDir, options());

        assertThat(acknowledged).allSatisfy(key -> assertThat(store.get(key)).as(key).isPresent());
    }
}
