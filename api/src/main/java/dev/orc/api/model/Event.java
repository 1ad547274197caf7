package dev.orc.api.model;

/** v1 Event: something that happened to an object, de-duplicated by {@code count} and the two timestamps. */
public record Event(String apiVersion, String kind, ObjectMeta metadata, ObjectReference involvedObject,
                    String reason, String message, Source source, String firstTimestamp, String lastTimestamp,
                    Integer count, String type, String eventTime, String action, String reportingComponent,
                    String reportingInstance) implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "Event";
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    /** Who reported it. */
    public record Source(String component, String host) {
    }

    public static Event of(ObjectMeta metadata, ObjectReference involvedObject, String type, String reason,
                           String message, Source source, String timestamp) {
        return new Event(API_VERSION, KIND, metadata, involvedObject, reason, message, source, timestamp, timestamp,
                1, type, null, null, source == null ? null : source.component(), source == null ? null : source.host());
    }

    @Override
    public Event withMetadata(ObjectMeta metadata) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp,
                lastTimestamp, count, type, eventTime, action, reportingComponent, reportingInstance);
    }

    /** The same event seen once more at {@code timestamp}. */
    public Event repeated(String timestamp) {
        return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp,
                timestamp, count == null ? 2 : count + 1, type, eventTime, action, reportingComponent,
                reportingInstance);
    }
}
