package dev.orc.node.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of an echo WebSocket: sends "one" and "two" over one connection and returns what came back for each. */
public final class WebSocketEchoClient {
    private WebSocketEchoClient() {
    }

    /** The answers to "one" and "two" in order, null for one that did not come within 10 s. */
    public static List<String> exchange(HttpClient client, URI uri) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        List<String> answers = new ArrayList<>();
        for (String message : List.of("one", "two")) {
            socket.sendText(message, true).get(10, TimeUnit.SECONDS);
            answers.add(received.poll(10, TimeUnit.SECONDS));
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        return answers;
    }
}
