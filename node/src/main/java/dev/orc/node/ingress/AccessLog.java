package dev.orc.node.ingress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line per request on logger {@value IngressServer#ACCESS_LOG} at INFO, in the extended NCSA form nginx and
 * Jetty write ({@code client - - [time] "request" status bytes "referer" "user-agent"}) plus the time taken; nothing
 * is formatted while that logger is off. The time stamp is formatted once a second.
 */
final class AccessLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private final Logger log = LoggerFactory.getLogger(IngressServer.ACCESS_LOG);
    private volatile Stamp stamp = new Stamp(0, "");

    private record Stamp(long second, String text) {
    }

    /** One request as its log line tells it: the request's side when it comes, status and bytes as they go out. */
    static final class Entry {
        final String client;
        final String method;
        final String uri;
        final String protocol;
        final String referer;
        final String userAgent;
        final long startNanos = System.nanoTime();
        int status;
        long bytes;

        Entry(String client, String method, String uri, String protocol, String referer, String userAgent) {
            this.client = client;
            this.method = method;
            this.uri = uri;
            this.protocol = protocol;
            this.referer = referer;
            this.userAgent = userAgent;
        }
    }

    void write(Entry entry) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long millis = (System.nanoTime() - entry.startNanos) / 1_000_000;
        log.info(entry.client + " - - [" + now() + "] \"" + entry.method + ' ' + entry.uri + ' ' + entry.protocol + "\" "
                + entry.status + ' ' + entry.bytes + " \"" + orDash(entry.referer) + "\" \"" + orDash(entry.userAgent)
                + "\" " + millis + " ms");
    }

    private String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp current = stamp;
        if (current.second() != second) {
            current = new Stamp(second, TIME.format(Instant.ofEpochSecond(second)));
            stamp = current;
        }
        return current.text();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
