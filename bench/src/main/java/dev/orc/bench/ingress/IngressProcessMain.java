package dev.orc.bench.ingress;

import ch.qos.logback.classic.Level;
import dev.orc.node.ingress.IngressConfig;
import dev.orc.node.ingress.IngressServer;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ingress of {@code orc bench ingress} in a JVM of its own, as a node agent runs it: {@link IngressServer} on
 * loopback ports of its choice serving {@link BenchRoute}, with the access log on or off. Arguments: the backend's
 * port, the certificate and key files (PEM) of the TLS Secret, and {@code on} or {@code off} for the access log.
 * Prints {@code ports HTTP HTTPS} on one line when it serves, and stops when its standard input ends (the bench
 * closed it, or is gone).
 */
public final class IngressProcessMain {
    static final String READY = "ports";

    private IngressProcessMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !args[3].matches("on|off")) {
            System.err.println("usage: IngressProcessMain BACKEND_PORT CERTIFICATE_PEM KEY_PEM on|off (access log)");
            System.exit(2);
        }
        int backendPort = Integer.parseInt(args[0]);
        if (args[3].equals("off")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(IngressServer.ACCESS_LOG)).setLevel(Level.WARN);
        }
        try (IngressServer ingress = IngressServer.start(IngressConfig.OFF.withPorts(0, 0))) {
            ingress.apply(BenchRoute.routes(backendPort),
                    BenchRoute.secrets(Files.readString(Path.of(args[1])), Files.readString(Path.of(args[2]))));
            System.out.println(READY + " " + ingress.httpPort() + " " + ingress.httpsPort());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
