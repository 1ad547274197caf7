package dev.orc.node.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the node agent needs from a container engine. Implementations: the Docker engine
 * ({@code docker.DockerRuntime}) and an in-memory fake ({@code fake.FakeRuntime}); both pass
 * {@code ContainerRuntimeContractTest}.
 *
 * <p>Containers are named by id or by name wherever an {@code idOrName} is asked for. Every method
 * throws a {@link ContainerRuntimeException} (or a subclass) on failure, with a message for a person.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Engine and API versions, for the Node's nodeInfo. */
    RuntimeVersion version();

    /** Images present on this node. */
    List<ImageInfo> listImages();

    /**
     * Makes the image present according to the policy and returns it.
     *
     * @throws ImagePullException with a reason telling a missing image from an unreachable registry
     */
    ImageInfo ensureImage(String image, PullPolicy policy);

    /** Builds (or replaces) a local image from files, with no registry involved. */
    ImageInfo buildImage(ImageBuild build);

    /** Creates a container and returns its id. */
    String create(ContainerSpec spec);

    void start(String idOrName);

    /** Sends SIGTERM, then SIGKILL once the grace period is over. A stopped container stays stopped. */
    void stop(String idOrName, Duration gracePeriod);

    /** Sends a signal (e.g. {@code "TERM"}, {@code "KILL"}) to a running container. */
    void kill(String idOrName, String signal);

    /** Removes the container, stopping it first if it runs, together with its anonymous volumes. */
    void remove(String idOrName);

    /** All containers, running or not, carrying every label of the filter. */
    List<ContainerSummary> list(Map<String, String> labelFilter);

    ContainerInfo inspect(String idOrName);

    /** Streams log lines to the sink, possibly from another thread; see {@link LogFollow} for waiting and cancelling. */
    LogFollow logs(String idOrName, LogOptions options, LogSink sink);

    /** One sample of a running container's resource usage. */
    ContainerStats stats(String idOrName);

    /**
     * Runs a command inside a running container and waits for it.
     *
     * @throws RuntimeTimeoutException when the command has not finished within the timeout
     */
    ExecResult exec(String idOrName, List<String> command, Duration timeout);

    /**
     * Starts {@code command} in a running container with its streams attached, as {@code docker exec -i [-t]} does:
     * output goes to {@code output} as it comes, the returned process takes input, terminal sizes and tells the exit
     * code.
     */
    AttachedProcess execAttached(String idOrName, List<String> command, boolean tty, boolean stdin,
                                 ProcessOutput output);

    /** Joins the streams of a running container's own process, as {@code docker attach} does. */
    AttachedProcess attach(String idOrName, boolean stdin, ProcessOutput output);

    /**
     * This host's address on the network pods are on (Docker: the default bridge's gateway), where
     * they reach services of the node such as its cluster DNS; empty when there is no such network.
     */
    Optional<String> gatewayAddress();

    @Override
    void close();
}
