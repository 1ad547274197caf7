package dev.orc.cli.e2e.incluster;

import io.vertx.core.Vertx;

/**
 * What runs in the echo pod of {@code IngressE2E}: a WebSocket server on Vert.x (among the fabric8 client's jars) on the
 * port given as the only argument, answering each text message with "echo " and the message, and any plain HTTP
 * request with 200 "websocket echo" for the readiness probe.
 */
public final class WebSocketEcho {
    private WebSocketEcho() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: WebSocketEcho PORT");
        }
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .webSocketHandler(socket -> socket.textMessageHandler(text -> socket.writeTextMessage("echo " + text)))
                .requestHandler(request -> request.response().end("websocket echo"))
                .listen(port)
                .toCompletionStage().toCompletableFuture().join();
        System.out.println("websocket echo listening on port " + port);
    }
}
