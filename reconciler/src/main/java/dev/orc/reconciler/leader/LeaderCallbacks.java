package dev.orc.reconciler.leader;

import java.util.List;

/** What happens as this server's leadership begins, is renewed and ends. */
public interface LeaderCallbacks {
    /** Called on the election's thread: must hand long work (cache sync) to a thread of its own. */
    void startedLeading(Term term);

    default void renewed(Term term) {
    }

    /** Must return only once the term's loops are stopped (bounded). */
    void stoppedLeading(Term term);

    /** All of {@code callbacks}: started and renewed in order, stopped in reverse order. */
    static LeaderCallbacks all(LeaderCallbacks... callbacks) {
        List<LeaderCallbacks> ordered = List.of(callbacks);
        return new LeaderCallbacks() {
            @Override
            public void startedLeading(Term term) {
                ordered.forEach(c -> c.startedLeading(term));
            }

            @Override
            public void renewed(Term term) {
                ordered.forEach(c -> c.renewed(term));
            }

            @Override
            public void stoppedLeading(Term term) {
                ordered.reversed().forEach(c -> c.stoppedLeading(term));
            }
        };
    }
}
