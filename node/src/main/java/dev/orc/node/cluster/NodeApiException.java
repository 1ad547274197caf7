package dev.orc.node.cluster;

/** A call to the API server failed; the message says which call and why. */
public class NodeApiException extends RuntimeException {
    public NodeApiException(String message) {
        super(message);
    }

    public NodeApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
