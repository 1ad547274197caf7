package dev.orc.reconciler.leader;

import dev.orc.api.client.ApiClient;
import dev.orc.reconciler.store.Store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * This server's part in the election of the controller manager: while it leads, {@code work} runs with a client
 * whose writes are fenced by the term, and the {@code kube-system/orc-controller-manager} Lease shows it.
 * Closing resigns at once.
 */
public final class Leadership implements AutoCloseable {
    public static final String NAME = "orc-controller-manager";
    private static final Duration LEASE_REFRESH = Duration.ofSeconds(10);

    private final LeaderElector elector;
    private final LeaseRecorder recorder;
    private final LeaderLoops loops;

    private Leadership(LeaderElector elector, LeaseRecorder recorder, LeaderLoops loops) {
        this.elector = elector;
        this.recorder = recorder;
        this.loops = loops;
    }

    /**
     * Campaigns on {@code store} as {@code identity}; {@code clients} gives the client for a term (over the fenced
     * transport), {@code work} what the leader runs with it.
     */
    public static Leadership start(Store store, ElectionTiming timing, String identity, Function<Term, ApiClient> clients,
                                   LeaderWork work, InstantSource clock) {
        LeaseRecorder recorder = new LeaseRecorder(clients, NAME, timing.leaseDuration(), LEASE_REFRESH, clock);
        LeaderLoops loops = new LeaderLoops(clients, work, timing.leaseDuration());
        LeaderElector elector = new LeaderElector(new StoreElection(store, NAME, identity, timing.leaseDuration()), timing,
                LeaderCallbacks.all(recorder, loops), Ticker.system());
        elector.start();
        return new Leadership(elector, recorder, loops);
    }

    /** {@code host_random}, as client-go names a candidate: unique per process, readable in the Lease. */
    public static String newIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Removes the election key a previous run left when it was killed. Only for a store that one process alone
     * can open (SQLite and its data-directory lock): with etcd, the key may be a live leader's.
     */
    public static void forgetPreviousHolder(Store store) {
        store.delete(StoreElection.PREFIX + NAME, 0);
    }

    /** The term this server leads, if it leads. */
    public Optional<Term> term() {
        return elector.term();
    }

    /** Whether the leader's loops are up in this server. */
    public boolean running() {
        return loops.running();
    }

    @Override
    public void close() {
        elector.close();
        recorder.close();
    }
}
