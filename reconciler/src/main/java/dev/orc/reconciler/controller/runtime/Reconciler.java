package dev.orc.reconciler.controller.runtime;

import dev.orc.api.cache.ObjectKey;

/**
 * One step toward the desired state of the object named by the key, read from caches. Level-triggered and
 * idempotent: safe to run twice, after a crash, on a stale cache. Throwing means "retry with backoff";
 * {@link TerminalException} means "do not retry until the object changes".
 */
@FunctionalInterface
public interface Reconciler {
    Result reconcile(ObjectKey key) throws Exception;
}
