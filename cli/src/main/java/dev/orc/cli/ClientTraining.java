package dev.orc.cli;

import dev.orc.api.client.ClientConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The workloads the launcher records the client's AOT caches from ({@code install/aot-cache.sh}), run as
 * {@link Orc#main} runs commands: {@code version} alone, or {@code client}, the everyday commands against a
 * {@link TrainingApi} on loopback. Arguments: the workload and a scratch directory, which for {@code client} holds
 * {@code training.p12} (the key store of that API's certificate) and {@code ca.pem} (the certificate).
 */
public final class ClientTraining {
    static final char[] KEY_STORE_PASSWORD = "orc-training".toCharArray();
    private static final List<String> EXAMPLES = List.of("config.yaml", "web.yaml", "job.yaml");

    private ClientTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("version", "client").contains(args[0])) {
            throw new IllegalArgumentException("usage: ClientTraining version|client SCRATCH_DIR");
        }
        Path scratch = Path.of(args[1]);
        if (args[0].equals("version")) {
            Orc.execute(environment(Map.of(), scratch), "version", "--client");
            return;
        }
        Path examples = copyExamples(scratch.resolve("examples"));
        try (TrainingApi api = TrainingApi.start(scratch.resolve("training.p12"), KEY_STORE_PASSWORD)) {
            Path config = scratch.resolve("config");
            new ClientConfig(api.url(), "training", scratch.resolve("ca.pem"), "default").write(config);
            Environment environment = environment(Map.of(ClientConfig.ENV_CONFIG, config.toString()), scratch);
            for (List<String> command : List.of(List.of("validate", "-f", examples.toString()),
                    List.of("get", "pods"), List.of("get", "pods", "-o", "wide"), List.of("get", "deployments"),
                    List.of("apply", "-f", examples.resolve("config.yaml").toString()), List.of("get", "pods"))) {
                Orc.execute(environment, command.toArray(String[]::new));
            }
        }
    }

    private static Environment environment(Map<String, String> env, Path home) {
        return new Environment(env, home, new ByteArrayInputStream(new byte[0]), Clock.systemUTC());
    }

    private static Path copyExamples(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String name : EXAMPLES) {
            try (InputStream in = ClientTraining.class.getResourceAsStream("/examples/" + name)) {
                Files.write(directory.resolve(name), in.readAllBytes());
            }
        }
        return directory;
    }
}
