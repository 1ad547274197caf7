package dev.orc.api.client;

/**
 * What a list or watch selects: {@code labelSelector} ({@code app=web,tier!=db}), {@code fieldSelector}
 * ({@code involvedObject.name=web}), a page size ({@code limit}, 0 for all) and the {@code continue} token
 * of the previous page; for watches the {@code resourceVersion} to start after, whether to ask for
 * bookmarks and how long the server should keep the watch open ({@code timeoutSeconds}, 0 for its default).
 * Null and empty values are left out of the request.
 */
public record ListOptions(String labelSelector, String fieldSelector, long limit, String continueToken,
                          String resourceVersion, boolean allowBookmarks, long timeoutSeconds) {
    private static final ListOptions ALL = new ListOptions(null, null, 0, null, null, false, 0);

    public static ListOptions all() {
        return ALL;
    }

    public static ListOptions labelSelector(String selector) {
        return ALL.withLabelSelector(selector);
    }

    public static ListOptions fieldSelector(String selector) {
        return ALL.withFieldSelector(selector);
    }

    public ListOptions withLabelSelector(String value) {
        return new ListOptions(value, fieldSelector, limit, continueToken, resourceVersion, allowBookmarks, timeoutSeconds);
    }

    public ListOptions withFieldSelector(String value) {
        return new ListOptions(labelSelector, value, limit, continueToken, resourceVersion, allowBookmarks, timeoutSeconds);
    }

    public ListOptions withLimit(long value) {
        return new ListOptions(labelSelector, fieldSelector, value, continueToken, resourceVersion, allowBookmarks,
                timeoutSeconds);
    }

    public ListOptions withContinue(String value) {
        return new ListOptions(labelSelector, fieldSelector, limit, value, resourceVersion, allowBookmarks, timeoutSeconds);
    }

    public ListOptions withResourceVersion(String value) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, value, allowBookmarks, timeoutSeconds);
    }

    public ListOptions withBookmarks(boolean value) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, resourceVersion, value, timeoutSeconds);
    }

    public ListOptions withTimeoutSeconds(long value) {
        return new ListOptions(labelSelector, fieldSelector, limit, continueToken, resourceVersion, allowBookmarks, value);
    }

    Query query() {
        Query query = new Query()
                .add("labelSelector", labelSelector)
                .add("fieldSelector", fieldSelector)
                .add("continue", continueToken)
                .add("resourceVersion", resourceVersion);
        if (limit > 0) {
            query.add("limit", Long.toString(limit));
        }
        return query;
    }

    Query watchQuery() {
        Query query = new Query().add("watch", "true")
                .add("labelSelector", labelSelector)
                .add("fieldSelector", fieldSelector)
                .add("resourceVersion", resourceVersion);
        if (allowBookmarks) {
            query.add("allowWatchBookmarks", "true");
        }
        if (timeoutSeconds > 0) {
            query.add("timeoutSeconds", Long.toString(timeoutSeconds));
        }
        return query;
    }
}
