package dev.orc.api.nodeaccess;

/**
 * Where a node agent serves the WebSocket streams of exec, attach and port-forward, beside its log endpoint: the port
 * it publishes in its Node's {@link #PORT_ANNOTATION}, and the paths below it, each called by the API server with a
 * {@link NodeRequestToken} for the exact path and query.
 */
public final class NodeStreamEndpoint {
    public static final String PORT_ANNOTATION = "node.orc.dev/stream-port";
    public static final String EXEC = "exec";
    public static final String ATTACH = "attach";
    public static final String PORT_FORWARD = "portForward";

    private NodeStreamEndpoint() {
    }
}
