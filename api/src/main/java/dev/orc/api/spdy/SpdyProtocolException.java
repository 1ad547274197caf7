package dev.orc.api.spdy;

/** Bytes that are not SPDY/3 as this package reads it; the message says what was wrong. */
public final class SpdyProtocolException extends RuntimeException {
    public SpdyProtocolException(String message) {
        super(message);
    }

    public SpdyProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
