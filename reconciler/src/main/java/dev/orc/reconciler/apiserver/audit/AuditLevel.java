package dev.orc.reconciler.apiserver.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * How much of a request the audit log keeps, named as in audit.k8s.io/v1. orc records no response bodies, so
 * {@code RequestResponse} keeps what {@code Request} keeps.
 */
public enum AuditLevel {
    NONE("None"), METADATA("Metadata"), REQUEST("Request"), REQUEST_RESPONSE("RequestResponse");

    private final String text;

    AuditLevel(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean recordsRequestBody() {
        return this == REQUEST || this == REQUEST_RESPONSE;
    }

    public static Optional<AuditLevel> parse(String text) {
        return Arrays.stream(values()).filter(level -> level.text.equals(text)).findFirst();
    }
}
