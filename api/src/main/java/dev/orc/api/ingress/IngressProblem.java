package dev.orc.api.ingress;

/** Something about an Ingress its controller cannot do as asked, reported on it as a Warning event. */
public record IngressProblem(String namespace, String name, String reason, String message) {
    public static final String CONFLICT = "Conflict";
    public static final String BACKEND_NOT_FOUND = "BackendNotFound";
    public static final String UNSUPPORTED_ANNOTATION = "UnsupportedAnnotation";
    public static final String TLS_HOST_MISMATCH = "TLSHostMismatch";
    public static final String INVALID_PATH = "InvalidPath";
}
