package dev.orc.node.runtime;

/**
 * An image reference split as a registry sees it: {@code [registry/]path[:tag][@digest]}.
 *
 * @param registry the registry host ({@code docker.io} when none is named)
 * @param repository everything before the tag, as given (registry included if it was)
 * @param tag the tag, {@code latest} when none is given; the digest when one is given
 */
public record ImageRef(String registry, String repository, String tag) {

    public static final String DEFAULT_REGISTRY = "docker.io";

    public static ImageRef parse(String image) {
        if (image == null || image.isBlank() || image.contains(" ")) {
            throw new IllegalArgumentException("not an image reference: '" + image + "'");
        }
        String repository = image;
        String tag = "latest";
        int at = image.indexOf('@');
        if (at >= 0) {
            repository = image.substring(0, at);
            tag = image.substring(at + 1);
        } else {
            int colon = image.lastIndexOf(':');
            if (colon > image.lastIndexOf('/')) {
                repository = image.substring(0, colon);
                tag = image.substring(colon + 1);
            }
        }
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        boolean namesRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return new ImageRef(namesRegistry ? first : DEFAULT_REGISTRY, repository, tag);
    }

    /** The full reference, tag included. */
    public String reference() {
        return repository + (tag.contains(":") ? "@" : ":") + tag;
    }
}
