package dev.orc.reconciler.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiCall;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.ApiTransport;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.testing.ForwardingTransport;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler's way to the registry, with its bindings and Events held back or refused on a test's word: a held
 * call waits (at most {@link #WAIT}) until released; a refused binding fails with a Conflict, as a binding to a pod
 * bound meanwhile does. Counts the bindings tried.
 */
final class HeldWrites extends ForwardingTransport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicInteger bindAttempts = new AtomicInteger();
    private final AtomicInteger bindFailuresLeft = new AtomicInteger();
    private volatile CountDownLatch bindings = new CountDownLatch(0);
    private volatile CountDownLatch events = new CountDownLatch(0);

    HeldWrites(ApiTransport next) {
        super(next);
    }

    void holdBindings() {
        bindings = new CountDownLatch(1);
    }

    void releaseBindings() {
        bindings.countDown();
    }

    void holdEvents() {
        events = new CountDownLatch(1);
    }

    void releaseEvents() {
        events.countDown();
    }

    /** The next {@code count} bindings fail with a Conflict. */
    void refuseBindings(int count) {
        bindFailuresLeft.set(count);
    }

    int bindAttempts() {
        return bindAttempts.get();
    }

    @Override
    public ObjectNode call(ApiCall call) {
        if ("binding".equals(call.subresource())) {
            bindAttempts.incrementAndGet();
            await(bindings);
            if (bindFailuresLeft.getAndDecrement() > 0) {
                throw new ApiException.Conflict("conflict");
            }
        } else if (call.type() == ResourceTypes.EVENT && "POST".equals(call.method())) {
            await(events);
        }
        return super.call(call);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a held call was not released within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }
}
