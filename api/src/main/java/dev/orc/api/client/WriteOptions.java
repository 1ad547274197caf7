package dev.orc.api.client;

/** Options of create, update and patch: {@code dryRun} asks the server to check and default, not store. */
public record WriteOptions(boolean dryRun, String fieldManager) {
    private static final WriteOptions DEFAULTS = new WriteOptions(false, null);

    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    public static WriteOptions serverDryRun() {
        return new WriteOptions(true, null);
    }

    public WriteOptions withFieldManager(String value) {
        return new WriteOptions(dryRun, value);
    }

    Query query() {
        return new Query().add("dryRun", dryRun ? "All" : null).add("fieldManager", fieldManager);
    }
}
