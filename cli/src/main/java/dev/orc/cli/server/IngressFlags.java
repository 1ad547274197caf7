package dev.orc.cli.server;

import dev.orc.node.ingress.IngressConfig;
import picocli.CommandLine.Option;

/** The ingress controller's flags, shared by {@code orc node} and {@code orc up}. */
public final class IngressFlags {
    @Option(names = "--ingress-http-port", paramLabel = "PORT", defaultValue = "80",
            description = "Port the ingress serves plain HTTP on (default: ${DEFAULT-VALUE}; when taken, "
                    + IngressConfig.FALLBACK_HTTP_PORT + ").")
    int httpPort;

    @Option(names = "--ingress-https-port", paramLabel = "PORT", defaultValue = "443",
            description = "Port the ingress serves HTTPS (HTTP/2 and HTTP/1.1) on (default: ${DEFAULT-VALUE}; when "
                    + "taken, " + IngressConfig.FALLBACK_HTTPS_PORT + ").")
    int httpsPort;

    @Option(names = "--no-ingress", description = "Do not run the ingress controller.")
    boolean noIngress;

    public IngressConfig config() {
        IngressConfig ports = IngressConfig.OFF.withPorts(httpPort, httpsPort);
        return noIngress ? IngressConfig.OFF : ports;
    }
}
