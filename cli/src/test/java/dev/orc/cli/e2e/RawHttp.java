package dev.orc.cli.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.0 GET on a fresh connection, as a service proxy sees a client: a new connection per request. */
final class RawHttp {
    private RawHttp() {
    }

    /** The whole response (status line, headers and body) of {@code GET path} at {@code host:port}. */
    static String get(String host, int port, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The body of a {@code 200 OK} answer; an {@link IOException} naming the answer otherwise. */
    static String body(String host, int port, String path) throws IOException {
        String response = get(host, port, path);
        String status = response.lines().findFirst().orElse("");
        int end = response.indexOf("\r\n\r\n");
        if (!status.matches("HTTP/1\\.[01] 200( .*)?") || end < 0) {
            throw new IOException("GET " + path + " at " + host + ":" + port + " answered: "
                    + (response.isEmpty() ? "(nothing: connection closed)" : status));
        }
        return response.substring(end + 4);
    }
}
