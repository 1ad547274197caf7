package dev.orc.api.client;

/**
 * Options of create, update and patch: {@code dryRun} asks the server to check and default, not store;
 * {@code fieldManager} names the writer (required for server-side apply); {@code force} takes over the fields a
 * server-side apply conflicts on.
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean force) {
    private static final WriteOptions DEFAULTS = new WriteOptions(false, null, false);

    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    public static WriteOptions serverDryRun() {
        return new WriteOptions(true, null, false);
    }

    public WriteOptions withFieldManager(String value) {
        return new WriteOptions(dryRun, value, force);
    }

    public WriteOptions withForce(boolean value) {
        return new WriteOptions(dryRun, fieldManager, value);
    }

    Query query() {
        return new Query().add("dryRun", dryRun ? "All" : null).add("fieldManager", fieldManager)
                .add("force", force ? "true" : null);
    }
}
