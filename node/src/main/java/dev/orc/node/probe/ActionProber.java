package dev.orc.node.probe;

import dev.orc.api.model.Container;
import dev.orc.api.model.ContainerPort;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.Probe;
import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ExecResult;
import dev.orc.node.runtime.RuntimeTimeoutException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs probe actions as the kubelet does: {@code exec} in the container through the runtime (exit 0 is
 * success), {@code httpGet} over HTTP or HTTPS from the node to the pod's IP on the bridge (a status from 200 to 399
 * is success; the agent reaches bridge addresses directly, so no port needs publishing; see {@link HttpGetProber}),
 * {@code tcpSocket} as a connect to the pod's IP, {@code grpc} as a call of the gRPC health service on the pod's IP
 * ({@link GrpcHealthProber}). Ports are numbers or names of the container's ports (numbers only for gRPC).
 */
public final class ActionProber implements Prober, AutoCloseable {

    private static final int OUTPUT_IN_MESSAGE = 1024;

    private final ContainerRuntime runtime;
    private final HttpGetProber httpProber = new HttpGetProber();
    private final GrpcHealthProber grpcProber = new GrpcHealthProber();

    public ActionProber(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public ProbeOutcome probe(ProbeTarget target, Probe probe, Duration timeout) {
        try {
            if (probe.exec() != null) {
                return exec(target, probe.exec(), timeout);
            }
            if (probe.httpGet() != null) {
                return httpGet(target, probe.httpGet(), timeout);
            }
            if (probe.tcpSocket() != null) {
                return tcp(target, probe.tcpSocket(), timeout);
            }
            if (probe.grpc() != null) {
                return grpc(target, probe.grpc(), timeout);
            }
            return ProbeOutcome.failed("the probe has no action (exec, httpGet, tcpSocket or grpc)");
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.failed(e.getMessage());
        }
    }

    private ProbeOutcome exec(ProbeTarget target, Probe.Exec exec, Duration timeout) {
        if (exec.command().isEmpty()) {
            return ProbeOutcome.failed("exec probe has no command");
        }
        try {
            ExecResult result = runtime.exec(target.containerId(), exec.command(), timeout);
            if (result.succeeded()) {
                return ProbeOutcome.ok();
            }
            String output = (result.stdout() + result.stderr()).strip();
            if (output.length() > OUTPUT_IN_MESSAGE) {
                output = output.substring(0, OUTPUT_IN_MESSAGE);
            }
            return ProbeOutcome.failed(output.isEmpty() ? "command " + exec.command() + " exited with " + result.exitCode()
                    : output);
        } catch (RuntimeTimeoutException e) {
            return ProbeOutcome.failed("command " + exec.command() + " timed out after " + timeout.toSeconds() + "s");
        } catch (ContainerRuntimeException e) {
            return ProbeOutcome.errored(e.getMessage());
        }
    }

    private ProbeOutcome httpGet(ProbeTarget target, Probe.HttpGet get, Duration timeout) {
        String scheme = get.scheme() == null || get.scheme().isEmpty() ? "HTTP" : get.scheme().toUpperCase(Locale.ROOT);
        if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            return ProbeOutcome.failed("httpGet scheme \"" + get.scheme() + "\" is neither HTTP nor HTTPS");
        }
        String host = host(get.host(), target);
        int port = port(get.port(), target.container());
        String path = get.path() == null || get.path().isEmpty() ? "/" : get.path();
        URI uri = URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + port + (path.startsWith("/") ? path : "/" + path));
        if (uri.getHost() == null) {
            return ProbeOutcome.failed("httpGet host \"" + host + "\" is not a valid host name");
        }
        return httpProber.probe(uri, get.httpHeaders(), timeout);
    }

    private ProbeOutcome grpc(ProbeTarget target, Probe.Grpc grpc, Duration timeout) {
        if (grpc.port() == null) {
            return ProbeOutcome.failed("the grpc probe names no port");
        }
        if (grpc.port() < 1 || grpc.port() > 65535) {
            return ProbeOutcome.failed("grpc probe port " + grpc.port() + " is not between 1 and 65535");
        }
        return grpcProber.probe(host(null, target), grpc.port(), grpc.service() == null ? "" : grpc.service(), timeout);
    }

    private ProbeOutcome tcp(ProbeTarget target, Probe.TcpSocket tcp, Duration timeout) {
        String host = host(tcp.host(), target);
        int port = port(tcp.port(), target.container());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return ProbeOutcome.ok();
        } catch (IOException e) {
            return ProbeOutcome.failed("dial tcp " + host + ":" + port + ": " + describe(e));
        }
    }

    private static String host(String host, ProbeTarget target) {
        if (host != null && !host.isEmpty()) {
            return host;
        }
        if (target.podIP() == null || target.podIP().isEmpty()) {
            throw new IllegalArgumentException("the pod has no IP address to probe yet");
        }
        return target.podIP();
    }

    /** A port number, or the number of the container's port of that name. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("the probe names no port");
        }
        if (port.isInt()) {
            return port.intValue();
        }
        return container.ports().stream().filter(p -> port.strValue().equals(p.name()))
                .map(ContainerPort::containerPort).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("container " + container.name()
                        + " has no port named \"" + port.strValue() + "\""));
    }

    /** Stops the gRPC probes' event loop. */
    @Override
    public void close() {
        grpcProber.close();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
