package dev.orc.cli.e2e;

/** YAML the end-to-end tests apply with the objects they test. */
final class Manifests {
    private Manifests() {
    }

    /** A Namespace document followed by a separator, to put before the documents that live in it. */
    static String namespace(String name) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                ---
                """.formatted(name);
    }
}
