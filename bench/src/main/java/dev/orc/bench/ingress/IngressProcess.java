package dev.orc.bench.ingress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * orc's ingress for the bench in a child JVM ({@link IngressProcessMain}), apart from the load generator and the
 * backend as a node agent's ingress is in production: started with this JVM's options (the launcher's
 * {@code install/jvm.options}, those of a node agent) and then {@code jvmOptions} (a collector chosen there
 * replaces the launcher's), its log in {@code dir}; what
 * the JVM itself prints before the ingress's line of ports (a flight recording's start) is passed over.
 */
final class IngressProcess implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final int httpPort;
    private final int httpsPort;

    private IngressProcess(Process process, int httpPort, int httpsPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    static IngressProcess start(Path dir, int backendPort, Path certificate, Path key, boolean accessLog,
                                List<String> jvmOptions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("ingress.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        boolean collectorChosen = jvmOptions.stream().anyMatch(IngressProcess::choosesCollector);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> !arg.startsWith("-agentlib:") && !arg.startsWith("-javaagent:")
                        && !arg.startsWith("-XX:StartFlightRecording")
                        && !(collectorChosen && choosesCollector(arg))).toList());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IngressProcessMain.class.getName(),
                Integer.toString(backendPort), certificate.toAbsolutePath().toString(), key.toAbsolutePath().toString(),
                accessLog ? "on" : "off"));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line = out.readLine();
                while (line != null && !line.startsWith(IngressProcessMain.READY + " ")) {
                    line = out.readLine();
                }
                return line;
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        }
        if (line == null) {
            String why = process.isAlive() ? "did not start within " + START.toSeconds() + " s"
                    : "exited with " + process.exitValue();
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("orc's ingress " + why + " (" + String.join(" ", command) + "): "
                    + (Files.exists(log) ? Files.readString(log).strip() : "no output"));
        }
        String[] ports = line.split(" ");
        return new IngressProcess(process, Integer.parseInt(ports[1]), Integer.parseInt(ports[2]));
    }

    /** A JVM option that picks the garbage collector: one in {@code jvmOptions} replaces the launcher's. */
    private static boolean choosesCollector(String option) {
        return option.matches("-XX:\\+Use\\w+GC");
    }

    int httpPort() {
        return httpPort;
    }

    int httpsPort() {
        return httpsPort;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException gone) {
            process.destroy();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** The CPU this proxy's processes have used. */
    CpuClock cpu() {
        return CpuClock.of(process.toHandle());
    }
}
