/**
 * Liveness, readiness and startup probes, run by the node agent as the kubelet runs them.
 *
 * <p>{@link dev.orc.node.probe.ProbeManager} is the pod workers' {@code ContainerHealth}: after each sync a
 * worker tells it which containers run; one shared timer (every 100 ms) starts the due probes on virtual
 * threads; a changed result re-queues the pod, whose next sync stops a container that failed its liveness
 * or startup probe (it restarts per restartPolicy, restartCount growing) and writes the container's
 * {@code ready}/{@code started} and the pod's ContainersReady and Ready conditions.
 *
 * <p>How probes reach a container: {@code exec} runs in the container through the runtime;
 * {@code httpGet} (HTTP or HTTPS, the certificate not verified), {@code tcpSocket} and {@code grpc} (the
 * grpc.health.v1 service over HTTP/2 cleartext) connect from the node to the pod's IP on the Docker bridge (the
 * address of the container holding the pod's network: its infra container, or its only container), which the agent
 * reaches directly, so a port need not be published.
 * Events: {@code Unhealthy} "Liveness probe failed: ..." (also Readiness, Startup) when a probe's result
 * turns to failure, and {@code Killing} when a liveness or startup failure restarts the container; one
 * event per change, not per failed run.
 */
package dev.orc.node.probe;
