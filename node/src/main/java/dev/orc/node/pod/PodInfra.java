package dev.orc.node.pod;

import dev.orc.node.runtime.ContainerInfo;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.RuntimeTimeoutException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The pod's infra container during one sync: one that already runs, or one this sync created and is starting
 * on a virtual thread, so that the pod's other containers can be created meanwhile (a container joining the
 * infra container's network namespace needs it created, and only its own start needs it running).
 */
final class PodInfra {

    /** Bounds the wait for a start; the runtime's own request timeout normally ends a stuck start first. */
    static final Duration START_WAIT = Duration.ofMinutes(3);

    private final String id;
    private final CompletableFuture<ContainerInfo> started;
    private final Consumer<ContainerRuntimeException> onFailure;
    private Optional<ContainerInfo> outcome;

    private PodInfra(String id, CompletableFuture<ContainerInfo> started, Consumer<ContainerRuntimeException> onFailure) {
        this.id = id;
        this.started = started;
        this.onFailure = onFailure;
    }

    static PodInfra running(ContainerInfo info) {
        return new PodInfra(info.id(), CompletableFuture.completedFuture(info), e -> { });
    }

    /** Starts the created container {@code id}; a failed start is handed to {@code onFailure} once, on {@link #await}. */
    static PodInfra starting(ContainerRuntime runtime, String id, Consumer<ContainerRuntimeException> onFailure) {
        CompletableFuture<ContainerInfo> started = new CompletableFuture<>();
        Thread.ofVirtual().name("orc-infra-start-" + id).start(() -> {
            try {
                runtime.start(id);
                started.complete(runtime.inspect(id));
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
        });
        return new PodInfra(id, started, onFailure);
    }

    String id() {
        return id;
    }

    /** The running infra container with its address, waiting for its start; empty when the start failed. */
    Optional<ContainerInfo> await() {
        if (outcome == null) {
            outcome = result();
        }
        return outcome;
    }

    private Optional<ContainerInfo> result() {
        try {
            return Optional.of(started.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ContainerRuntimeException failure) {
                return failed(failure);
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            return failed(new RuntimeTimeoutException("starting the infra container " + id + " took over "
                    + START_WAIT.toMinutes() + " minutes"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(new ContainerRuntimeException("interrupted while starting the infra container " + id, e));
        }
    }

    private Optional<ContainerInfo> failed(ContainerRuntimeException failure) {
        onFailure.accept(failure);
        return Optional.empty();
    }
}
