package dev.orc.cli.server;

import dev.orc.reconciler.apiserver.audit.AuditFile;
import dev.orc.reconciler.apiserver.audit.AuditPolicy;
import dev.orc.reconciler.apiserver.audit.AuditSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** kube-apiserver's audit log flags, under the same names. */
public final class AuditFlags {
    @Option(names = "--audit-log-path", paramLabel = "FILE",
            description = "Write one JSON line (an audit.k8s.io/v1 Event) per API request to FILE (created 0600).")
    Path path;

    @Option(names = "--audit-policy-file", paramLabel = "FILE",
            description = "The audit.k8s.io/v1 Policy that says which requests to record and at which level"
                    + " (None, Metadata, Request); without one, every request is recorded at Metadata."
                    + " Secrets' bodies are never recorded.")
    Path policyFile;

    @Option(names = "--audit-log-maxsize", paramLabel = "MB", defaultValue = "100",
            description = "Rotate the audit log when it reaches this many megabytes (default: ${DEFAULT-VALUE}).")
    int maxSizeMegabytes;

    @Option(names = "--audit-log-maxbackup", paramLabel = "N", defaultValue = "10",
            description = "Keep this many rotated audit logs, FILE.1 being the newest (default: ${DEFAULT-VALUE}).")
    int maxBackups;

    /** The audit log these flags ask for; empty without {@code --audit-log-path}. */
    public Optional<AuditSettings> settings() {
        if (path == null) {
            if (policyFile != null) {
                throw new IllegalArgumentException("--audit-policy-file needs --audit-log-path: where to write the log");
            }
            return Optional.empty();
        }
        if (maxSizeMegabytes < 1) {
            throw new IllegalArgumentException("--audit-log-maxsize must be at least 1 (megabyte), got " + maxSizeMegabytes);
        }
        try {
            AuditPolicy policy = policyFile == null ? AuditPolicy.metadataForEverything() : AuditPolicy.read(policyFile);
            return Optional.of(new AuditSettings(policy, new AuditFile(path, maxSizeMegabytes * 1024L * 1024L, maxBackups)));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--audit-policy-file: " + e.getFile() + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("--audit-log-path " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--audit-policy-file: " + e.getMessage(), e);
        }
    }
}
