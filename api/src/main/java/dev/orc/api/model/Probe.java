package dev.orc.api.model;

import java.util.List;

/**
 * A health check (liveness, readiness or startup): exactly one action and its timing. Kubernetes
 * defaults: timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3.
 */
public record Probe(Exec exec, HttpGet httpGet, TcpSocket tcpSocket, Grpc grpc,
                    Integer initialDelaySeconds, Integer timeoutSeconds, Integer periodSeconds,
                    Integer successThreshold, Integer failureThreshold, Long terminationGracePeriodSeconds) {

    /** Runs a command in the container; exit status 0 is success. */
    public record Exec(@OmitEmpty List<String> command) {
        public Exec {
            command = Immutable.list(command);
        }
    }

    /**
     * An HTTP GET; a status from 200 to 399 is success. {@code port} is a number or a container port name;
     * {@code scheme} HTTP (the default) or HTTPS, whose certificate is not verified.
     */
    public record HttpGet(String path, IntOrString port, String host, String scheme,
                          @OmitEmpty List<HttpHeader> httpHeaders) {
        public HttpGet {
            httpHeaders = Immutable.list(httpHeaders);
        }
    }

    public record HttpHeader(String name, String value) {
    }

    /** A TCP connect; opening the connection is success. */
    public record TcpSocket(IntOrString port, String host) {
    }

    /**
     * A call of the gRPC health service (grpc.health.v1 Health/Check) on {@code port} (a number, required), for
     * {@code service} (null or empty: the server as a whole); a SERVING answer is success.
     */
    public record Grpc(Integer port, String service) {
    }
}
