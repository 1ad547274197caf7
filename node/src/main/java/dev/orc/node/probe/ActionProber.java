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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs probe actions as the kubelet does: {@code exec} in the container through the runtime (exit 0 is
 * success), {@code httpGet} from the node to the pod's IP on the bridge (a status from 200 to 399 is
 * success; the agent reaches bridge addresses directly, so no port needs publishing), {@code tcpSocket}
 * as a connect to the pod's IP. Ports are numbers or names of the container's ports. Only the HTTP
 * scheme is supported; HTTPS and gRPC probes fail with a message saying so.
 */
public final class ActionProber implements Prober {

    private static final int OUTPUT_IN_MESSAGE = 1024;

    private final ContainerRuntime runtime;
    private final HttpClient http;

    public ActionProber(ContainerRuntime runtime) {
        this.runtime = runtime;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
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
                return ProbeOutcome.failed("gRPC probes are not supported by orc");
            }
            return ProbeOutcome.failed("the probe has no action (exec, httpGet or tcpSocket)");
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
        String scheme = get.scheme() == null ? "HTTP" : get.scheme().toUpperCase(Locale.ROOT);
        if (!scheme.equals("HTTP")) {
            return ProbeOutcome.failed("httpGet scheme " + get.scheme() + " is not supported by orc (only HTTP)");
        }
        String host = host(get.host(), target);
        int port = port(get.port(), target.container());
        String path = get.path() == null || get.path().isEmpty() ? "/" : get.path();
        URI uri = URI.create("http://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                .header("User-Agent", "orc-probe/1.0");
        get.httpHeaders().forEach(h -> request.setHeader(h.name(), h.value()));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 400 ? ProbeOutcome.ok()
                    : ProbeOutcome.failed("HTTP probe failed with statuscode: " + status);
        } catch (HttpTimeoutException e) {
            return ProbeOutcome.failed("Get \"" + uri + "\": timeout after " + timeout.toSeconds() + "s");
        } catch (IOException e) {
            return ProbeOutcome.failed("Get \"" + uri + "\": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeOutcome.failed("Get \"" + uri + "\": interrupted");
        }
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

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
