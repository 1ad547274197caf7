package dev.orc.node.runtime;

/** An image could not be made present; {@link #reason()} tells why, so the agent can report it. */
public class ImagePullException extends ContainerRuntimeException {

    /** Why the image is not there. */
    public enum Reason {
        /** The registry answered that it has no such image (or refuses to say, as for a private one). */
        NOT_FOUND,
        /** The registry could not be reached (DNS, connection refused, timeout, TLS). */
        REGISTRY_UNREACHABLE,
        /** The image is not present and the pull policy is Never. */
        NEVER_PULL,
        /** Any other failure. */
        FAILED
    }

    private final Reason reason;
    private final String image;

    public ImagePullException(Reason reason, String image, String detail) {
        super(describe(reason, image) + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.reason = reason;
        this.image = image;
    }

    public Reason reason() {
        return reason;
    }

    public String image() {
        return image;
    }

    private static String describe(Reason reason, String image) {
        return switch (reason) {
            case NOT_FOUND -> "image '" + image + "' not found";
            case REGISTRY_UNREACHABLE -> "registry of image '" + image + "' unreachable";
            case NEVER_PULL -> "image '" + image + "' is not present and the pull policy is Never";
            case FAILED -> "pulling image '" + image + "' failed";
        };
    }
}
