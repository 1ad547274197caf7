package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.StreamConnector;
import dev.orc.cli.stream.PortForwarder;
import dev.orc.cli.stream.PortMapping;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc port-forward pod/NAME|svc/NAME [LOCAL:]REMOTE... [--address ADDR]}. */
@Command(name = "port-forward", description = "Forward local ports to a pod's ports until Ctrl-C (or the pod is gone).",
        footerHeading = "%nExamples:%n", footer = {"  orc port-forward pod/web-1 8080:80",
        "  orc port-forward svc/web 8080:80 8443:443", "  orc port-forward web-1 :80",
        "  orc port-forward svc/db 5432 --address 0.0.0.0"})
final class PortForwardCommand implements Callable<Integer> {
    /** How often a running forward checks that its pod still exists. */
    private static final Duration POD_CHECK = Duration.ofSeconds(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Option(names = "--address", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "The local address to listen on (default: ${DEFAULT-VALUE}).")
    String address;

    @Parameters(index = "0", paramLabel = "TYPE/NAME", description = "pod/NAME (or just NAME) or svc/NAME.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "[LOCAL:]REMOTE",
            description = "Ports: 8080:80 listens on 8080 for the pod's 80; 80 on the same; :80 on a free one.")
    List<String> ports;

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        List<PortMapping> mappings = new ArrayList<>();
        for (String port : ports) {
            try {
                mappings.add(PortMapping.parse(port));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cmd, e.getMessage());
            }
        }
        InetAddress listen;
        try {
            listen = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(cmd, "--address \"" + address + "\" is not an address here");
        }
        ApiClient api = client.client();
        String namespace = client.namespace();
        PortForwardTarget resolved;
        try {
            resolved = PortForwardTarget.resolve(api, namespace, target, mappings);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        PrintWriter out = cmd.getOut();
        String path = "/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(resolved.pod()) + "/portforward";
        try (PortForwarder forwarder = new PortForwarder(StreamConnector.of(client.config()), path, cmd.getErr())) {
            for (PortMapping mapping : resolved.mappings()) {
                int local = forwarder.listen(listen, mapping);
                out.println("Forwarding from " + listen.getHostAddress() + ":" + local + " -> " + mapping.remote());
            }
            out.flush();
            while (api.find(dev.orc.api.meta.ResourceTypes.POD, namespace, resolved.pod()).isPresent()) {
                Thread.sleep(POD_CHECK);
            }
        }
        cmd.getErr().println("error: pod \"" + resolved.pod() + "\" is gone; stopped forwarding");
        return 1;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
