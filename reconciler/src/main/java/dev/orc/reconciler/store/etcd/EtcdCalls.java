package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.StoreException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.common.exception.EtcdException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for jetcd's futures with a bound and turns their failures into messages for a person. */
final class EtcdCalls {
    private final List<String> endpoints;
    private final Duration timeout;

    EtcdCalls(List<String> endpoints, Duration timeout) {
        this.endpoints = endpoints;
        this.timeout = timeout;
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** The reply to {@code call}; a {@link StoreException} naming {@code what} when it fails or takes too long. */
    <T> T await(CompletableFuture<T> call, String what) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new StoreException("etcd at " + String.join(",", endpoints) + " did not answer " + what
                    + " within " + timeout.toSeconds() + "s", e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for etcd to answer " + what, e);
        } catch (CancellationException e) {
            throw new StoreException("the call to etcd (" + what + ") was cancelled", e);
        } catch (ExecutionException e) {
            throw new EtcdFailure(e.getCause());
        }
    }

    /** A failure reported by etcd, kept whole so the caller can map the cases it expects. */
    static final class EtcdFailure extends StoreException {
        EtcdFailure(Throwable cause) {
            super("etcd failed: " + describe(cause), cause);
        }

        boolean says(String text) {
            for (Throwable t = getCause(); t != null; t = t.getCause()) {
                if (String.valueOf(t.getMessage()).contains(text)) {
                    return true;
                }
            }
            return false;
        }

        /** etcd's own reason is on the innermost cause; the outer ones only repeat a gRPC status code. */
        private static String describe(Throwable cause) {
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return cause instanceof EtcdException e ? reason + " (" + e.getErrorCode() + ")" : reason;
        }
    }
}
