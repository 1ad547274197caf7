package dev.orc.api.manifest;

/** Input that cannot be read as manifests at all, with the place where reading stopped. */
public final class ManifestSyntaxException extends Exception {
    private final Position position;

    public ManifestSyntaxException(Position position, String message) {
        super(message);
        this.position = position;
    }

    public Position position() {
        return position;
    }
}
