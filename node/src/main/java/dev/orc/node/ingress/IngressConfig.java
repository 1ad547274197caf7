package dev.orc.node.ingress;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How a node serves Ingresses.
 *
 * @param enabled whether the node runs the ingress controller at all
 * @param bindAddresses the addresses it listens on: the node's own and loopback, never every interface, which
 *                      would take port 80 of the Services' cluster IPs from the service proxy
 * @param httpPort plain HTTP; when taken, {@link #FALLBACK_HTTP_PORT} is tried with one line saying so
 * @param httpsPort TLS (HTTP/2 and HTTP/1.1 by ALPN); when taken, {@link #FALLBACK_HTTPS_PORT}
 * @param idleTimeout how long a client connection may sit idle
 * @param readTimeout how long a backend may stay silent (nginx's proxy-read-timeout, 60 s)
 * @param bodyLimit the largest request body (nginx's proxy-body-size, 1 MiB)
 */
public record IngressConfig(boolean enabled, List<String> bindAddresses, int httpPort, int httpsPort,
                            Duration idleTimeout, Duration readTimeout, long bodyLimit) {
    public static final int FALLBACK_HTTP_PORT = 8080;
    public static final int FALLBACK_HTTPS_PORT = 8443;
    public static final IngressConfig OFF = new IngressConfig(false, List.of("127.0.0.1"), 80, 443,
            Duration.ofSeconds(60), Duration.ofSeconds(60), 1024 * 1024);

    public IngressConfig {
        bindAddresses = List.copyOf(new LinkedHashSet<>(bindAddresses));
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("the ingress needs an address to listen on");
        }
        checkPort("--ingress-http-port", httpPort);
        checkPort("--ingress-https-port", httpsPort);
        if (enabled && httpPort == httpsPort && httpPort != 0) {
            throw new IllegalArgumentException("--ingress-http-port and --ingress-https-port must differ, both are "
                    + httpPort);
        }
    }

    /** Serving on 80 and 443. */
    public static IngressConfig defaults() {
        return OFF.withPorts(80, 443);
    }

    /** Serving on these ports (0 picks free ones, for tests). */
    public IngressConfig withPorts(int http, int https) {
        return new IngressConfig(true, bindAddresses, http, https, idleTimeout, readTimeout, bodyLimit);
    }

    /** Listening on these addresses (a node: its own address and loopback). */
    public IngressConfig listeningOn(String... addresses) {
        return new IngressConfig(enabled, List.of(addresses), httpPort, httpsPort, idleTimeout, readTimeout, bodyLimit);
    }

    private static void checkPort(String flag, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(flag + " must be 0-65535, got " + port);
        }
    }
}
