package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.StoreException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An etcd cluster of several members on loopback ports, each a child process with its own data directory, for
 * tests of orc against etcd as users run it: a member can be stopped and resumed to take the quorum away and give
 * it back.
 */
public final class LocalEtcdCluster implements AutoCloseable {
    private final List<LocalEtcd> members;

    private LocalEtcdCluster(List<LocalEtcd> members) {
        this.members = List.copyOf(members);
    }

    /**
     * Starts {@code size} members under {@code dir} and waits (bounded) until every one is healthy. A port chosen
     * free can be taken by another process before etcd binds it, so a failed start is retried on new ports in a
     * fresh directory, a bounded number of times.
     */
    public static LocalEtcdCluster start(Path dir, int size) {
        StoreException last = null;
        for (int attempt = 0; attempt < LocalEtcd.START_ATTEMPTS; attempt++) {
            try {
                return startOnce(dir.resolve("attempt-" + attempt), size);
            } catch (StoreException e) {
                last = e;
            }
        }
        throw last;
    }

    private static LocalEtcdCluster startOnce(Path dir, int size) {
        List<LocalEtcd> members = new ArrayList<>();
        IntStream.range(0, size).forEach(i -> members.add(LocalEtcd.member("orc-" + i, dir.resolve("member-" + i))));
        members.forEach(LocalEtcd::choosePorts);
        String initialCluster = members.stream().map(LocalEtcd::peerEntry).collect(Collectors.joining(","));
        LocalEtcdCluster cluster = new LocalEtcdCluster(members);
        try {
            members.forEach(member -> member.joinCluster(initialCluster));
            members.forEach(LocalEtcd::spawn);
            members.forEach(LocalEtcd::awaitHealthy);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Every member's client URL, as {@code --store etcd://...} and {@link EtcdConfig} take them. */
    public List<String> endpoints() {
        return members.stream().map(LocalEtcd::endpoint).toList();
    }

    public LocalEtcd member(int index) {
        return members.get(index);
    }

    @Override
    public void close() {
        members.forEach(LocalEtcd::stop);
    }
}
