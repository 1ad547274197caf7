package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ListWatcher;
import dev.orc.api.status.ApiException;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.model.KubeObject;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code -w} on the client runtime, as {@code kubectl get -w}: an {@link Informer} lists one kind and watches it; the
 * first list is handed over whole, then every change as it happens, on the caller's thread. The informer resumes a
 * dropped watch from the last resourceVersion it saw, and when the server no longer has that revision (410 Gone) it
 * lists again and hands over only what differs from what it had: nothing is repeated and nothing is lost.
 * <p>
 * {@link #follow} returns when {@code limit} has passed (null: runs until the process is stopped), or throws the
 * failure that ended it: any failure of the first list (made on the caller's thread, as kubectl makes it, and then
 * handed to the informer), one the server answered later (Forbidden, NotFound...), or {@value #UNREACHABLE_IN_A_ROW}
 * failures in a row to reach the server.
 */
final class ObjectWatch {
    static final int UNREACHABLE_IN_A_ROW = 5;
    /** The informer's resync re-delivers objects unchanged; a watch prints none of those, so it waits a year. */
    private static final Duration NO_RESYNC = Duration.ofDays(365);
    private static final Comparator<ObjectNode> BY_KEY = Comparator
            .comparing((ObjectNode o) -> o.path("metadata").path("namespace").asText(""))
            .thenComparing(o -> o.path("metadata").path("name").asText(""));

    /** What the watch hands over. */
    interface Printer {
        /** The objects of the first list, by namespace and name. */
        void listed(List<ObjectNode> objects);

        /** An object added, changed or deleted (its last state) after that. */
        void changed(ObjectNode object);
    }

    private sealed interface Signal permits Listed, Changed, Failed {
    }

    private record Listed(List<ObjectNode> objects) implements Signal {
    }

    private record Changed(ObjectNode object) implements Signal {
    }

    private record Failed(RuntimeException failure) implements Signal {
    }

    private ObjectWatch() {
    }

    static void follow(ListWatcher source, ResourceType type, Duration limit, Printer printer)
            throws InterruptedException {
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        Judged judged = new Judged(source, source.list(type), signals);
        // Untyped: the watch prints JSON and never reads a typed view, which Cached converts only when asked.
        try (Informer<KubeObject> informer = new Informer<>(type, KubeObject.class, judged, NO_RESYNC)) {
            informer.addHandler(new Forwarder(signals));
            informer.start();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Signal signal = signals.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                switch (signal) {
                    case Listed listed -> printer.listed(listed.objects());
                    case Changed changed -> printer.changed(changed.object());
                    case Failed failed -> throw failed.failure();
                    case null -> { }
                }
            }
        }
    }

    /** Turns the informer's callbacks into signals: the first list whole, then changes; resyncs are dropped. */
    private static final class Forwarder implements EventHandler<KubeObject> {
        private final BlockingQueue<Signal> signals;
        private boolean listed;

        Forwarder(BlockingQueue<Signal> signals) {
            this.signals = signals;
        }

        @Override
        public void onListed(List<Cached<KubeObject>> all) {
            if (!listed) {
                listed = true;
                signals.add(new Listed(all.stream().map(Cached::copy).sorted(BY_KEY).toList()));
            }
        }

        @Override
        public void onAdd(Cached<KubeObject> object) {
            changed(object);
        }

        @Override
        public void onUpdate(Cached<KubeObject> oldObject, Cached<KubeObject> newObject) {
            if (!oldObject.sameContent(newObject)) {
                changed(newObject);
            }
        }

        @Override
        public void onDelete(Cached<KubeObject> object) {
            changed(object);
        }

        /** Before the first list is complete its objects arrive as adds: the list hands them over at once. */
        private void changed(Cached<KubeObject> object) {
            if (listed) {
                signals.add(new Changed(object.copy()));
            }
        }
    }

    /**
     * The informer's source, which answers its first list with the one the command made, and is watched for failures
     * that should end the command: the informer itself retries every failure for ever, as a controller must; a person
     * at a terminal wants to hear about them.
     */
    private static final class Judged implements ListWatcher {
        private final ListWatcher source;
        private final BlockingQueue<Signal> signals;
        private volatile Listing first;
        private volatile int unreachable;

        Judged(ListWatcher source, Listing first, BlockingQueue<Signal> signals) {
            this.source = source;
            this.first = first;
            this.signals = signals;
        }

        @Override
        public Listing list(ResourceType type) {
            Listing listed = first;
            if (listed != null) {
                first = null;
                return listed;
            }
            try {
                Listing listing = source.list(type);
                unreachable = 0;
                return listing;
            } catch (RuntimeException e) {
                judge(e);
                throw e;
            }
        }

        @Override
        public Handle watch(ResourceType type, String resourceVersion, Events events) {
            try {
                return source.watch(type, resourceVersion, new Events() {
                    @Override
                    public void onEvent(EventType eventType, ObjectNode object) {
                        unreachable = 0;
                        events.onEvent(eventType, object);
                    }

                    @Override
                    public void onClose(boolean gone, Exception cause) {
                        if (!gone && cause instanceof RuntimeException failure) {
                            judge(failure);
                        }
                        events.onClose(gone, cause);
                    }
                });
            } catch (RuntimeException e) {
                judge(e);
                throw e;
            }
        }

        private void judge(RuntimeException failure) {
            boolean fatal = !(failure instanceof ApiException api) || !api.isUnreachable()
                    || ++unreachable >= UNREACHABLE_IN_A_ROW;
            if (fatal) {
                signals.add(new Failed(failure));
            }
        }
    }
}
