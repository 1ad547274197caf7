package dev.orc.reconciler.store.etcd;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real etcd for the whole test run, started on first use and stopped by a shutdown hook. Where
 * etcd is not installed the tests are skipped, except in CI (CI=true), where they fail.
 */
public final class EtcdFixture {
    private static LocalEtcd etcd;

    private EtcdFixture() {
    }

    static synchronized LocalEtcd etcd() {
        if (etcd == null) {
            requireEtcd("the etcd store tests");
            Path dir = createTempDir();
            etcd = LocalEtcd.start(dir);
            LocalEtcd started = etcd;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(dir);
            }));
        }
        return etcd;
    }

    /** Skips the calling tests where etcd is not installed, except in CI (CI=true), where they fail. */
    public static void requireEtcd(String tests) {
        if (LocalEtcd.findBinary() == null) {
            String why = "etcd is not installed (apt-get install etcd-server); " + tests + " need it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("orc-etcd-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
