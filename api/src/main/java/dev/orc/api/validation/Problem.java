package dev.orc.api.validation;

/**
 * One finding about one document. {@code path} is the field in Kubernetes notation
 * ({@code spec.template.spec.containers[0].ports[0].containerPort}); empty for the document itself.
 */
public record Problem(Severity severity, String path, String message) {
    public enum Severity { ERROR, WARNING }

    public static Problem error(String path, String message) {
        return new Problem(Severity.ERROR, path, message);
    }

    public static Problem warning(String path, String message) {
        return new Problem(Severity.WARNING, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
