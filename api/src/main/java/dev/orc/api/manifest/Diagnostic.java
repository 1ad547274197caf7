package dev.orc.api.manifest;

import dev.orc.api.validation.Problem;

/**
 * One error or warning about a manifest, formatted as
 * {@code web.yaml:14:18: Deployment "web": spec.replicas: expected integer, got string "three"}.
 * {@code subject} is the document ({@code Deployment "web"}, or {@code document 2} before its kind is known);
 * {@code path} is empty for problems of the file or document as a whole.
 */
public record Diagnostic(Problem.Severity severity, String source, Position position, String subject, String path,
                         String message) {

    public boolean isError() {
        return severity == Problem.Severity.ERROR;
    }

    public String format() {
        StringBuilder text = new StringBuilder(source).append(':').append(position).append(": ");
        if (severity == Problem.Severity.WARNING) {
            text.append("warning: ");
        }
        if (subject != null && !subject.isEmpty()) {
            text.append(subject).append(": ");
        }
        if (path != null && !path.isEmpty()) {
            text.append(path).append(": ");
        }
        return text.append(message).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
