package dev.orc.reconciler.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every {@link Store} backend must have. Each test works under its own key prefix, so a
 * backend may share one server between tests.
 */
public abstract class StoreContractTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    protected Store store;
    protected String prefix;

    /** A store on the backend under test, fresh or shared. */
    protected abstract Store openStore();

    /**
     * Restarts the backend (an etcd process, or the SQLite file by closing and reopening it) and
     * returns the store to use from then on.
     */
    protected abstract Store restart(Store current);

    /** Whether a watch opened before {@link #restart} keeps delivering after it. */
    protected abstract boolean watchesSurviveRestart();

    @BeforeEach
    void openBackend() {
        store = openStore();
        prefix = "/contract/" + UUID.randomUUID() + "/";
    }

    @AfterEach
    void closeBackend() {
        if (store != null) {
            store.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(KeyValue kv) {
        return new String(kv.value(), StandardCharsets.UTF_8);
    }

    @Test
    void createdKeyIsReadBackWithItsRevisions() {
        long before = store.currentRevision();
        KeyValue created = store.create(prefix + "a", bytes("one"), 0);

        assertThat(created.modRevision()).isGreaterThan(before);
        assertThat(created.createRevision()).isEqualTo(created.modRevision());
        assertThat(created.version()).isEqualTo(1);
        assertThat(store.currentRevision()).isEqualTo(created.modRevision());
        KeyValue read = store.get(prefix + "a").orElseThrow();
        assertThat(text(read)).isEqualTo("one");
        assertThat(read.modRevision()).isEqualTo(created.modRevision());
        assertThat(store.get(prefix + "missing")).isEmpty();
    }

    @Test
    void anEmptyValueIsReadBackAsEmptyNotNull() {
        store.create(prefix + "empty", new byte[0], 0);

        assertThat(store.get(prefix + "empty").orElseThrow().value()).isEmpty();
        assertThat(store.list(prefix, ListOptions.all()).items().getFirst().value()).isEmpty();
    }

    @Test
    void createOfAnExistingKeyFailsAndChangesNothing() {
        KeyValue first = store.create(prefix + "a", bytes("one"), 0);

        assertThatThrownBy(() -> store.create(prefix + "a", bytes("two"), 0))
                .isInstanceOf(KeyExistsException.class).hasMessageContaining(prefix + "a");
        assertThat(text(store.get(prefix + "a").orElseThrow())).isEqualTo("one");
        assertThat(store.currentRevision()).isEqualTo(first.modRevision());
    }

    @Test
    void updateAtTheCurrentRevisionReplacesTheValue() {
        KeyValue first = store.create(prefix + "a", bytes("one"), 0);
        KeyValue second = store.update(prefix + "a", bytes("two"), first.modRevision(), 0);

        assertThat(second.modRevision()).isGreaterThan(first.modRevision());
        assertThat(second.createRevision()).isEqualTo(first.createRevision());
        assertThat(second.version()).isEqualTo(2);
        assertThat(text(store.get(prefix + "a").orElseThrow())).isEqualTo("two");
    }

    @Test
    void updateAtAStaleRevisionConflictsAndNamesTheActualRevision() {
        KeyValue first = store.create(prefix + "a", bytes("one"), 0);
        KeyValue second = store.update(prefix + "a", bytes("two"), first.modRevision(), 0);

        assertThatThrownBy(() -> store.update(prefix + "a", bytes("three"), first.modRevision(), 0))
                .isInstanceOfSatisfying(RevisionConflictException.class,
                        e -> assertThat(e.actualRevision()).isEqualTo(second.modRevision()));
        assertThat(text(store.get(prefix + "a").orElseThrow())).isEqualTo("two");
    }

    @Test
    void updateOfAMissingKeyIsNotFound() {
        assertThatThrownBy(() -> store.update(prefix + "nope", bytes("x"), 1, 0))
                .isInstanceOf(KeyNotFoundException.class).hasMessageContaining(prefix + "nope");
    }

    @Test
    void deleteReturnsTheDeletedValueAndTheKeyIsGone() {
        KeyValue created = store.create(prefix + "a", bytes("one"), 0);

        Optional<KeyValue> deleted = store.delete(prefix + "a", 0);

        assertThat(deleted).hasValueSatisfying(kv -> {
            assertThat(text(kv)).isEqualTo("one");
            assertThat(kv.modRevision()).isEqualTo(created.modRevision());
        });
        assertThat(store.get(prefix + "a")).isEmpty();
        assertThat(store.delete(prefix + "a", 0)).isEmpty();
        assertThat(store.create(prefix + "a", bytes("again"), 0).version()).isEqualTo(1);
    }

    @Test
    void guardedDeleteOfAChangedKeyConflictsAndOfAMissingKeyIsNotFound() {
        KeyValue first = store.create(prefix + "a", bytes("one"), 0);
        KeyValue second = store.update(prefix + "a", bytes("two"), first.modRevision(), 0);

        assertThatThrownBy(() -> store.delete(prefix + "a", first.modRevision()))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(store.get(prefix + "a")).isPresent();
        assertThat(store.delete(prefix + "a", second.modRevision())).isPresent();
        assertThatThrownBy(() -> store.delete(prefix + "a", second.modRevision()))
                .isInstanceOf(KeyNotFoundException.class);
    }

    @Test
    void listReturnsTheKeysUnderThePrefixInOrderAsOfTheRequestedRevision() {
        store.create(prefix + "b", bytes("b1"), 0);
        KeyValue a = store.create(prefix + "a", bytes("a1"), 0);
        store.create(prefix + "ab/c", bytes("abc"), 0);
        store.create(prefix.substring(0, prefix.length() - 1) + "x", bytes("outside"), 0);
        long then = store.currentRevision();
        store.update(prefix + "a", bytes("a2"), a.modRevision(), 0);
        store.delete(prefix + "b", 0);

        Page now = store.list(prefix, ListOptions.all());
        Page before = store.list(prefix, new ListOptions(0, null, then));

        assertThat(now.items()).extracting(KeyValue::key).containsExactly(prefix + "a", prefix + "ab/c");
        assertThat(text(now.items().getFirst())).isEqualTo("a2");
        assertThat(now.revision()).isEqualTo(store.currentRevision());
        assertThat(now.continueKey()).isNull();
        assertThat(before.items()).extracting(KeyValue::key).containsExactly(prefix + "a", prefix + "ab/c", prefix + "b");
        assertThat(text(before.items().getFirst())).isEqualTo("a1");
        assertThat(before.revision()).isEqualTo(then);
    }

    @Test
    void pagingOverTenThousandKeysReturnsEachKeyExactlyOnce() throws Exception {
        int count = 10_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<KeyValue>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String key = prefix + String.format("k%05d", i);
                writes.add(pool.submit(() -> store.create(key, bytes("v"), 0)));
            }
            for (Future<KeyValue> w : writes) {
                w.get();
            }
        }
        Page page = store.list(prefix, ListOptions.limit(700));
        long revision = page.revision();
        List<String> seen = new ArrayList<>();
        int pages = 1;
        page.items().forEach(kv -> seen.add(kv.key()));
        while (page.continueKey() != null) {
            store.create(prefix + "added-during-paging-" + pages, bytes("late"), 0);
            page = store.list(prefix, new ListOptions(700, page.continueKey(), revision));
            assertThat(page.revision()).isEqualTo(revision);
            page.items().forEach(kv -> seen.add(kv.key()));
            pages++;
        }

        assertThat(pages).isEqualTo(15);
        assertThat(seen).hasSize(count).doesNotHaveDuplicates().isSorted()
                .allMatch(k -> !k.contains("added-during-paging"));
    }

    @Test
    void compareAndSwapFromManyThreadsLosesNoUpdate() throws Exception {
        String key = prefix + "counter";
        store.create(key, bytes("0"), 0);
        int threads = 8;
        int incrementsEach = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        increment(key);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        KeyValue last = store.get(key).orElseThrow();
        assertThat(text(last)).isEqualTo(String.valueOf(threads * incrementsEach));
        assertThat(last.version()).isEqualTo(threads * incrementsEach + 1);
    }

    private void increment(String key) throws InterruptedException {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            KeyValue current = store.get(key).orElseThrow();
            int value = Integer.parseInt(text(current));
            try {
                store.update(key, bytes(String.valueOf(value + 1)), current.modRevision(), 0);
                return;
            } catch (RevisionConflictException e) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 1 + Math.min(attempt, 5)));
            }
        }
        throw new AssertionError("no increment of " + key + " got through in 10000 attempts");
    }

    @Test
    void watchDeliversPutsAndDeletesWithThePreviousValue() {
        long start = store.currentRevision();
        EventCollector events = new EventCollector();
        try (Watch ignored = store.watch(prefix, start, events)) {
            KeyValue created = store.create(prefix + "a", bytes("one"), 0);
            store.create(prefix.substring(0, prefix.length() - 1) + "-other", bytes("not mine"), 0);
            KeyValue updated = store.update(prefix + "a", bytes("two"), created.modRevision(), 0);
            store.delete(prefix + "a", 0);

            await().atMost(WAIT).until(() -> events.size() >= 3);
            List<WatchEvent> got = events.events();
            assertThat(got).extracting(WatchEvent::type)
                    .containsExactly(WatchEvent.Type.PUT, WatchEvent.Type.PUT, WatchEvent.Type.DELETE);
            assertThat(got.get(0).prevKv()).isNull();
            assertThat(text(got.get(0).kv())).isEqualTo("one");
            assertThat(text(got.get(1).prevKv())).isEqualTo("one");
            assertThat(got.get(1).revision()).isEqualTo(updated.modRevision());
            assertThat(got.get(2).kv().key()).isEqualTo(prefix + "a");
            assertThat(got.get(2).kv().value()).isEmpty();
            assertThat(got.get(2).revision()).isGreaterThan(updated.modRevision());
            assertThat(text(got.get(2).prevKv())).isEqualTo("two");
            assertThat(got.get(2).prevKv().modRevision()).isEqualTo(updated.modRevision());
        }
    }

    @Test
    void watchFromAnEarlierRevisionReplaysHistoryBeforeNewChanges() {
        KeyValue a = store.create(prefix + "a", bytes("1"), 0);
        store.create(prefix + "b", bytes("2"), 0);
        EventCollector events = new EventCollector();
        try (Watch ignored = store.watch(prefix, a.modRevision(), events)) {
            store.create(prefix + "c", bytes("3"), 0);
            await().atMost(WAIT).until(() -> events.size() >= 2);
            assertThat(events.keys()).containsExactly(prefix + "b", prefix + "c");
        }
    }

    @Test
    void watchOrderUnderConcurrentWritersEqualsRevisionOrder() throws Exception {
        EventCollector events = new EventCollector();
        Set<Long> written = java.util.concurrent.ConcurrentHashMap.newKeySet();
        int writers = 4;
        int writesEach = 100;
        try (Watch ignored = store.watch(prefix, store.currentRevision(), events);
             ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        written.add(store.create(prefix + "w" + writer + "-" + i, bytes("x"), 0).modRevision());
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            await().atMost(WAIT).until(() -> events.size() >= writers * writesEach);
            assertThat(events.revisions()).isSorted().doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @Test
    void watchResumesAfterARestartWithNoEventLostOrDuplicated() {
        EventCollector events = new EventCollector();
        Watch watch = store.watch(prefix, store.currentRevision(), events);
        try {
            store.create(prefix + "1", bytes("before"), 0);
            store.create(prefix + "2", bytes("before"), 0);
            await().atMost(WAIT).until(() -> events.size() >= 2);

            if (!watchesSurviveRestart()) {
                watch.close();
            }
            store = restart(store);
            if (!watchesSurviveRestart()) {
                watch = store.watch(prefix, events.revisions().getLast(), events);
            }
            await().atMost(WAIT).ignoreExceptions().until(() -> store.create(prefix + "3", bytes("after"), 0) != null);
            store.create(prefix + "4", bytes("after"), 0);

            await().atMost(WAIT).until(() -> events.size() >= 4);
            assertThat(events.keys()).containsExactly(prefix + "1", prefix + "2", prefix + "3", prefix + "4");
            assertThat(events.revisions()).isSorted().doesNotHaveDuplicates();
            assertThat(events.error()).isNull();
        } finally {
            watch.close();
        }
    }

    @Test
    void afterCompactionWatchAndListFromAnOldRevisionAreTooOld() {
        KeyValue first = store.create(prefix + "a", bytes("1"), 0);
        KeyValue second = store.update(prefix + "a", bytes("2"), first.modRevision(), 0);
        KeyValue third = store.update(prefix + "a", bytes("3"), second.modRevision(), 0);
        store.create(prefix + "b", bytes("b"), 0);

        store.compact(third.modRevision());

        EventCollector events = new EventCollector();
        try (Watch ignored = store.watch(prefix, first.modRevision(), events)) {
            await().atMost(WAIT).until(() -> events.error() != null);
            assertThat(events.error()).isInstanceOf(RevisionCompactedException.class);
            assertThat(events.events()).isEmpty();
        }
        assertThatThrownBy(() -> store.list(prefix, new ListOptions(0, null, first.modRevision())))
                .isInstanceOf(RevisionCompactedException.class);
        assertThat(store.list(prefix, ListOptions.all()).items()).extracting(KeyValue::key)
                .containsExactly(prefix + "a", prefix + "b");
        assertThat(text(store.get(prefix + "a").orElseThrow())).isEqualTo("3");
        EventCollector recent = new EventCollector();
        try (Watch ignored = store.watch(prefix, third.modRevision(), recent)) {
            await().atMost(WAIT).until(() -> recent.size() >= 1);
            assertThat(recent.keys()).containsExactly(prefix + "b");
            assertThat(recent.error()).isNull();
        }
    }

    @Test
    void periodicCompactionKeepsTheHistoryOfOneIntervalAndDropsWhatIsOlder() {
        KeyValue first = store.create(prefix + "a", bytes("1"), 0);
        try (PeriodicCompaction compaction = PeriodicCompaction.start(store, Duration.ofHours(1))) {
            KeyValue second = store.update(prefix + "a", bytes("2"), first.modRevision(), 0);

            long firstTarget = compaction.compactOnce();
            assertThat(firstTarget).isGreaterThanOrEqualTo(first.modRevision()).isLessThan(second.modRevision());
            assertThat(store.list(prefix, new ListOptions(0, null, firstTarget)).items()).hasSize(1);
            store.update(prefix + "a", bytes("3"), second.modRevision(), 0);

            long secondTarget = compaction.compactOnce();
            assertThat(secondTarget).isGreaterThanOrEqualTo(second.modRevision());
            assertThatThrownBy(() -> store.list(prefix, new ListOptions(0, null, first.modRevision())))
                    .isInstanceOf(RevisionCompactedException.class);
            assertThat(text(store.get(prefix + "a").orElseThrow())).isEqualTo("3");
        }
    }

    @Test
    void periodicCompactionRunsEveryIntervalOnItsOwn() {
        KeyValue first = store.create(prefix + "a", bytes("1"), 0);
        store.update(prefix + "a", bytes("2"), first.modRevision(), 0);
        try (PeriodicCompaction ignored = PeriodicCompaction.start(store, Duration.ofMillis(200))) {
            await().atMost(WAIT).untilAsserted(() -> assertThatThrownBy(
                    () -> store.list(prefix, new ListOptions(0, null, first.modRevision())))
                    .isInstanceOf(RevisionCompactedException.class));
        }
    }

    @Test
    void expiredLeaseRemovesItsKeysWithDeleteEvents() {
        long lease = store.grantLease(Duration.ofSeconds(1));
        EventCollector events = new EventCollector();
        try (Watch ignored = store.watch(prefix, store.currentRevision(), events)) {
            store.create(prefix + "leased-1", bytes("x"), lease);
            store.create(prefix + "leased-2", bytes("y"), lease);
            store.create(prefix + "kept", bytes("z"), 0);
            assertThat(store.get(prefix + "leased-1").orElseThrow().lease()).isEqualTo(lease);

            await().atMost(WAIT).until(() -> store.get(prefix + "leased-1").isEmpty() && store.get(prefix + "leased-2").isEmpty());
            await().atMost(WAIT).until(() -> events.size() >= 5);
            List<WatchEvent> deletes = events.events().stream().filter(e -> e.type() == WatchEvent.Type.DELETE).toList();
            assertThat(deletes).extracting(e -> e.kv().key())
                    .containsExactlyInAnyOrder(prefix + "leased-1", prefix + "leased-2");
            assertThat(deletes).allSatisfy(e -> assertThat(e.prevKv().lease()).isEqualTo(lease));
            assertThat(store.get(prefix + "kept")).isPresent();
            assertThatThrownBy(() -> store.keepAlive(lease)).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void keptAliveLeaseOutlivesItsTtlAndRevokingItDeletesItsKeys() {
        long lease = store.grantLease(Duration.ofSeconds(2));
        store.create(prefix + "held", bytes("x"), lease);
        try (ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor()) {
            renewer.scheduleAtFixedRate(() -> store.keepAlive(lease), 0, 300, TimeUnit.MILLISECONDS);
            await().during(Duration.ofSeconds(4)).atMost(WAIT).until(() -> store.get(prefix + "held").isPresent());
        }

        store.revokeLease(lease);

        assertThat(store.get(prefix + "held")).isEmpty();
        assertThatThrownBy(() -> store.keepAlive(lease)).isInstanceOf(LeaseNotFoundException.class);
        assertThatThrownBy(() -> store.create(prefix + "late", bytes("x"), lease)).isInstanceOf(LeaseNotFoundException.class);
    }

    @Test
    void writesUnderAHeldFenceSucceedAndConflictsStillNameTheWrittenKey() {
        KeyValue leader = store.create(prefix + "leader", bytes("me"), 0);
        Fence fence = new Fence(leader.key(), leader.createRevision());

        KeyValue created = FencedWrites.under(fence, () -> store.create(prefix + "a", bytes("one"), 0));
        KeyValue updated = FencedWrites.under(fence, () -> store.update(prefix + "a", bytes("two"), created.modRevision(), 0));
        assertThatThrownBy(() -> FencedWrites.under(fence, () -> store.create(prefix + "a", bytes("again"), 0)))
                .isInstanceOf(KeyExistsException.class);
        assertThatThrownBy(() -> FencedWrites.under(fence, () -> store.update(prefix + "a", bytes("x"), created.modRevision(), 0)))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(FencedWrites.under(fence, () -> store.delete(prefix + "a", 0))).map(KeyValue::modRevision)
                .contains(updated.modRevision());
    }

    @Test
    void writesUnderAFenceWhoseKeyIsGoneOrRecreatedAreRefusedAndChangeNothing() {
        KeyValue kept = store.create(prefix + "kept", bytes("v"), 0);
        long lease = store.grantLease(Duration.ofSeconds(30));
        KeyValue leader = store.create(prefix + "leader", bytes("old"), lease);
        Fence old = new Fence(leader.key(), leader.createRevision());
        store.revokeLease(lease);
        long before = store.currentRevision();

        assertThatThrownBy(() -> FencedWrites.under(old, () -> store.create(prefix + "new", bytes("x"), 0)))
                .isInstanceOf(FencedOffException.class).hasMessageContaining("no longer the leader");
        assertThatThrownBy(() -> FencedWrites.under(old, () -> store.update(prefix + "kept", bytes("x"), kept.modRevision(), 0)))
                .isInstanceOf(FencedOffException.class);
        assertThatThrownBy(() -> FencedWrites.under(old, () -> store.delete(prefix + "kept", 0)))
                .isInstanceOf(FencedOffException.class);
        store.create(prefix + "leader", bytes("successor"), 0);
        assertThatThrownBy(() -> FencedWrites.under(old, () -> store.delete(prefix + "kept", kept.modRevision())))
                .isInstanceOf(FencedOffException.class);

        assertThat(store.currentRevision()).isEqualTo(before + 1);
        assertThat(store.get(prefix + "new")).isEmpty();
        assertThat(text(store.get(prefix + "kept").orElseThrow())).isEqualTo("v");
    }

    @Test
    void valuesUpToOneAndAHalfMebibytesRoundTripAndLargerOnesAreRejected() {
        byte[] largest = new byte[Store.MAX_VALUE_BYTES];
        ThreadLocalRandom.current().nextBytes(largest);
        KeyValue created = store.create(prefix + "big", largest, 0);

        assertThat(store.get(prefix + "big").orElseThrow().value()).isEqualTo(largest);
        assertThat(store.list(prefix, ListOptions.all()).items().getFirst().value()).isEqualTo(largest);

        byte[] tooLarge = Arrays.copyOf(largest, Store.MAX_VALUE_BYTES + 1);
        assertThatThrownBy(() -> store.create(prefix + "bigger", tooLarge, 0))
                .isInstanceOf(ValueTooLargeException.class)
                .hasMessageContaining(prefix + "bigger").hasMessageContaining(String.valueOf(Store.MAX_VALUE_BYTES + 1));
        assertThatThrownBy(() -> store.update(prefix + "big", tooLarge, created.modRevision(), 0))
                .isInstanceOf(ValueTooLargeException.class);
        assertThat(store.get(prefix + "bigger")).isEmpty();
    }

    @Test
    void closingTheStoreEndsItsOpenWatchesWithAnError() {
        EventCollector events = new EventCollector();
        store.watch(prefix, store.currentRevision(), events);

        store.close();

        await().atMost(WAIT).until(() -> events.error() != null);
        assertThat(events.error()).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        store = openStore();
    }

    @Test
    void everyWriteAdvancesTheRevisionByExactlyOne() {
        Set<Long> revisions = new HashSet<>();
        long before = store.currentRevision();
        KeyValue a = store.create(prefix + "a", bytes("1"), 0);
        revisions.add(a.modRevision());
        revisions.add(store.update(prefix + "a", bytes("2"), a.modRevision(), 0).modRevision());
        store.delete(prefix + "a", 0);
        revisions.add(store.currentRevision());

        assertThat(revisions).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 3).mapToObj(i -> before + i).toList());
    }
}
