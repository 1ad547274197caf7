package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One client's watch: the events after its starting revision that concern objects it selects, in a
 * bounded queue. A watcher that falls behind by more than the queue holds is closed (the client
 * re-connects from its last resourceVersion) instead of holding memory without bound.
 */
public final class Watcher {
    /**
     * What the client receives: an event type and an object (a Status for ERROR), whose JSON {@code json}
     * supplies (shared between the watchers of one change).
     */
    public record Message(String type, ObjectNode object, Supplier<byte[]> json) {
        public Message(String type, ObjectNode object) {
            this(type, object, () -> Json.bytes(object));
        }
    }

    private final long afterRevision;
    private final Predicate<ObjectNode> selects;
    private final BlockingQueue<Message> queue;
    private volatile boolean closed;
    private volatile boolean overflowed;

    public Watcher(long afterRevision, Predicate<ObjectNode> selects, int capacity) {
        this.afterRevision = afterRevision;
        this.selects = selects;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Takes a change in; as seen through the selection a modification may become an ADDED or a DELETED. */
    public void offer(DecodedEvent event) {
        if (closed || event.revision() <= afterRevision) {
            return;
        }
        boolean now = selects.test(event.object());
        boolean before = event.previous() != null && selects.test(event.previous());
        String type = switch (event.type()) {
            case "ADDED" -> now ? "ADDED" : null;
            case "DELETED" -> before ? "DELETED" : null;
            default -> now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null;
        };
        if (type != null) {
            push(new Message(type, event.object(), event::objectJson));
        }
    }

    /** Delivers a message outside the change stream (ERROR); closes the watcher after it. */
    public void fail(Message error) {
        queue.clear();
        queue.offer(error);
        closed = true;
    }

    void push(Message message) {
        if (!queue.offer(message)) {
            overflowed = true;
            closed = true;
        }
    }

    /** The next message, or {@code null} when none came within {@code wait} or the watcher is finished. */
    public Message poll(Duration wait) throws InterruptedException {
        if (overflowed) {
            return null;
        }
        Message message = queue.poll();
        if (message != null || closed) {
            return message;
        }
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void close() {
        closed = true;
    }

    /** True when no more messages will come: closed (or dropped for falling behind) and drained. */
    public boolean finished() {
        return overflowed || (closed && queue.isEmpty());
    }

    public boolean overflowed() {
        return overflowed;
    }
}
