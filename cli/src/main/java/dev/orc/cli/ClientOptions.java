package dev.orc.cli;

import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** How a client verb reaches the server: {@code --server}, {@code --token}, {@code -n}, shared by every verb. */
public final class ClientOptions {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--server", paramLabel = "URL",
            description = "The orc server, or several of one cluster separated by commas, tried in turn when one does not answer "
                    + "(default: env ORC_SERVER, else server in ~/.orc/config or $ORC_CONFIG).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token (default: token in the client config).")
    String token;

    @Option(names = "--certificate-authority", paramLabel = "FILE",
            description = "PEM file of the CA that signed the server's certificate.")
    Path certificateAuthority;

    @Option(names = "--context", paramLabel = "NAME",
            description = "The kubeconfig context to use (default: the config's current-context).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespace (default: namespace in the client config, else default).")
    String namespace;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long to wait for one answer of the server, e.g. 10s, 2m (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    private ClientConfig config;
    private ApiClient client;

    /** The bearer token the client presents (also to node agents, for {@code orc top}). */
    public String token() {
        return config().token();
    }

    /** Whether a server is configured at all (by flag, env or the config's context). */
    boolean serverConfigured() {
        return !config().servers().isEmpty();
    }

    /** Whether {@code -n} was given (else the namespace comes from the client config). */
    public boolean namespaceGiven() {
        return namespace != null;
    }

    Environment environment() {
        return ((Orc) mixee.root().userObject()).environment();
    }

    ClientConfig config() {
        if (config == null) {
            if (context != null && context.isBlank()) {
                throw new CommandLine.ParameterException(mixee.commandLine(), "--context needs a context name");
            }
            ClientConfig loaded = ClientConfig.load(environment().env(), environment().home(), context);
            if (server != null) {
                loaded = loaded.withServer(server);
            }
            if (token != null) {
                loaded = loaded.withToken(token);
            }
            if (certificateAuthority != null) {
                loaded = loaded.withCertificateAuthority(certificateAuthority);
            }
            if (namespace != null) {
                loaded = loaded.withNamespace(namespace);
            }
            config = loaded;
        }
        return config;
    }

    public ApiClient client() {
        if (client == null) {
            client = ApiClient.connect(config(), requestTimeout);
        }
        return client;
    }

    public String namespace() {
        return config().namespaceOrDefault();
    }

    /** Reads {@code 30s}, {@code 2m}, {@code 1h}, {@code 500ms} or a number of seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            var matcher = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.strip());
            if (!matcher.matches()) {
                throw new CommandLine.TypeConversionException("invalid duration \"" + value + "\": use e.g. 30s, 2m, 1h");
            }
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
    }
}
