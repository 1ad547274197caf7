package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.table.Age;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Moves a drain's pods off the node as kubectl drain does: evicts each through the eviction subresource (or deletes
 * it, with {@code --disable-eviction}); an eviction a disruption budget refuses (429) is reported and tried again
 * every {@link #RETRY} until the drain's deadline, which then fails. Each refusal is kubectl's line followed by the
 * budget the server named, so that a person waiting sees what blocks the drain.
 */
final class DrainEvictions {
    static final Duration RETRY = Duration.ofSeconds(5);
    private static final String BUDGET_CAUSE = "DisruptionBudget";

    private final ApiClient api;
    private final PrintWriter out;
    private final PrintWriter err;
    private final DeleteOptions options;
    private final boolean disableEviction;

    DrainEvictions(ApiClient api, PrintWriter out, PrintWriter err, DeleteOptions options, boolean disableEviction) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.options = options;
        this.disableEviction = disableEviction;
    }

    /**
     * Evicts or deletes every pod, retrying refused evictions until {@code deadline} ({@link System#nanoTime()});
     * empty when all are on their way out, else why not.
     */
    Optional<String> run(List<DrainPod> pods, Duration timeout, long deadline) throws InterruptedException {
        List<DrainPod> pending = new ArrayList<>(pods);
        Map<DrainPod, ApiException> refused = new LinkedHashMap<>();
        while (true) {
            refused.clear();
            for (DrainPod pod : List.copyOf(pending)) {
                Optional<ApiException> refusal = remove(pod);
                if (refusal.isEmpty()) {
                    pending.remove(pod);
                } else {
                    refused.put(pod, refusal.get());
                    err.println("error when evicting pods/\"" + pod.name() + "\" -n \"" + pod.namespace()
                            + "\" (will retry after " + RETRY.toSeconds() + "s): " + refusal.get().statusMessage()
                            + " (" + budgets(refusal.get()) + ")");
                }
            }
            out.flush();
            err.flush();
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            long left = deadline - System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(Math.clamp(left, 0, RETRY.toNanos()));
            if (left <= RETRY.toNanos()) {
                return Optional.of(timedOut(refused, timeout));
            }
        }
    }

    /** One eviction or delete; the 429 of a budget that refuses it, if one does. */
    private Optional<ApiException> remove(DrainPod pod) {
        DeleteOptions once = options.withPreconditionUid(pod.uid());
        out.println((disableEviction ? "deleting pod " : "evicting pod ") + pod.label());
        try {
            if (disableEviction) {
                api.delete(ResourceTypes.POD, pod.namespace(), pod.name(), once);
            } else {
                api.evict(pod.namespace(), pod.name(), once);
            }
        } catch (ApiException e) {
            if (e.code() == 429) {
                return Optional.of(e);
            }
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
        return Optional.empty();
    }

    private static String timedOut(Map<DrainPod, ApiException> refused, Duration timeout) {
        List<String> reasons = new ArrayList<>();
        refused.forEach((pod, refusal) -> reasons.add("error when evicting pods/\"" + pod.name() + "\" -n \""
                + pod.namespace() + "\": global timeout reached: " + Age.format(timeout) + " (" + budgets(refusal)
                + ")"));
        return String.join("; ", reasons);
    }

    /** The budgets a refusal names ({@code The disruption budget web needs 2 healthy pods and has 1 currently}). */
    private static String budgets(ApiException refusal) {
        List<String> causes = refusal.causes().stream().filter(c -> BUDGET_CAUSE.equals(c.reason()))
                .map(ApiException.Cause::message).toList();
        return causes.isEmpty() ? refusal.statusMessage() : String.join("; ", causes);
    }
}
