package dev.orc.reconciler.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One client's watch: the events after its starting revision that concern objects it selects, in a
 * bounded queue. A watcher that falls behind by more than the queue holds is closed (the client
 * re-connects from its last resourceVersion) instead of holding memory without bound. A close wakes a stream
 * waiting for the next message at once, and a bookmark carries the revision this watcher has been given every
 * change up to, never a later one it was not given (after a restart of the cache, say).
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

    /** Wakes a poll blocked on an empty queue when the watcher closes; never handed to a client. */
    private static final Message END = new Message("END", Json.object(), () -> new byte[0]);

    private final long afterRevision;
    private final Predicate<ObjectNode> selects;
    private final BlockingQueue<Message> queue;
    private volatile boolean closed;
    private volatile boolean overflowed;
    /** Every change of the type up to this revision has been queued (or was not selected). */
    private long progress;

    public Watcher(long afterRevision, Predicate<ObjectNode> selects, int capacity) {
        this.afterRevision = afterRevision;
        this.progress = afterRevision;
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
        synchronized (this) {
            if (type != null) {
                push(new Message(type, event.object(), event::objectJson));
            }
            if (!closed) {
                progress = Math.max(progress, event.revision());
            }
        }
    }

    /** The cache this watcher joined has given it every change of the type up to {@code revision}. */
    synchronized void caughtUpTo(long revision) {
        if (!closed) {
            progress = Math.max(progress, revision);
        }
    }

    /**
     * The revision a bookmark may carry now: that of the last change this watcher was given, when it has nothing
     * left to deliver and is still open; empty otherwise (a bookmark then would run ahead of what it delivers).
     */
    public synchronized OptionalLong bookmarkRevision() {
        return closed || !queue.isEmpty() ? OptionalLong.empty() : OptionalLong.of(progress);
    }

    /** An ERROR message with a 500 Status, for a watch that cannot go on. */
    public static Message internalError(String message) {
        ObjectNode status = Json.object().put("apiVersion", "v1").put("kind", "Status").put("status", "Failure")
                .put("message", message).put("reason", "InternalError").put("code", 500);
        status.putObject("metadata");
        return new Message("ERROR", status);
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
        if (message == null && !closed) {
            message = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
        return message == END ? null : message;
    }

    /** No more messages will be taken in; a poll waiting on an empty queue returns at once. */
    public void close() {
        closed = true;
        queue.offer(END);
    }

    /** True when no more messages will come: closed (or dropped for falling behind) and drained. */
    public boolean finished() {
        return overflowed || (closed && (queue.isEmpty() || queue.peek() == END));
    }

    public boolean overflowed() {
        return overflowed;
    }
}
