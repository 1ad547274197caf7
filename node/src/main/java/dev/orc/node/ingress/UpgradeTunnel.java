package dev.orc.node.ingress;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP/1.1 protocol upgrades (WebSocket) through the ingress, which Jetty's proxy does not carry: the request
 * head goes to the backend as it came (plus the forwarded headers), the backend's response head is read with
 * Jetty's HTTP parser, and on 101 the backend's headers go back to the client and its connection becomes a
 * {@link TunnelConnection} to the backend's socket. Any other answer is passed on as the response, its body
 * dropped; a backend that cannot be reached answers 502, one that does not answer in time 504. The handshake with
 * the backend holds the request's thread, for at most the connect timeout and the route's read timeout.
 */
final class UpgradeTunnel {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_HEAD = 64 * 1024;

    private final SSLContext backendTls;

    UpgradeTunnel(SSLContext backendTls) {
        this.backendTls = backendTls;
    }

    /** An HTTP/1.1 request asking to switch protocols ({@code Connection: upgrade} and an {@code Upgrade}). */
    static boolean wanted(Request request) {
        HttpFields headers = request.getHeaders();
        return HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())
                && headers.contains(HttpHeader.UPGRADE)
                && headers.getCSV(HttpHeader.CONNECTION, false).stream().anyMatch("upgrade"::equalsIgnoreCase);
    }

    /** Opens the tunnel to {@code target}, the backend given {@code readTimeout} to answer the upgrade. */
    void open(Request request, Response response, Callback callback, HttpURI target, Duration readTimeout,
              Map<String, String> forwarded) {
        Socket backend = null;
        try {
            backend = connect(target);
            backend.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            backend.getOutputStream().write(head(request, target, forwarded).getBytes(StandardCharsets.ISO_8859_1));
            backend.getOutputStream().flush();
            Head answer = Head.read(backend.getInputStream());
            if (answer.status() != HttpStatus.SWITCHING_PROTOCOLS_101) {
                backend.close();
                response.setStatus(answer.status());
                answer.headers().forEach(field -> {
                    if (!field.is(HttpHeader.CONTENT_LENGTH.asString()) && !field.is(HttpHeader.TRANSFER_ENCODING.asString())
                            && !field.is(HttpHeader.CONNECTION.asString())) {
                        response.getHeaders().add(field);
                    }
                });
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
                return;
            }
            backend.setSoTimeout(0);
            response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
            answer.headers().forEach(field -> response.getHeaders().add(field));
            request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, new TunnelConnection(
                    request.getConnectionMetaData().getConnection().getEndPoint(),
                    request.getConnectionMetaData().getConnector().getExecutor(), backend, answer.rest()));
            callback.succeeded();
        } catch (java.net.SocketTimeoutException e) {
            close(backend);
            Response.writeError(request, response, callback, HttpStatus.GATEWAY_TIMEOUT_504,
                    "the backend " + target.getAuthority() + " did not answer the upgrade within " + readTimeout);
        } catch (IOException | RuntimeException e) {
            close(backend);
            Response.writeError(request, response, callback, HttpStatus.BAD_GATEWAY_502,
                    "the backend " + target.getAuthority() + " failed the upgrade: " + e.getMessage());
        }
    }

    private Socket connect(HttpURI target) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(target.getHost(), target.getPort()), (int) CONNECT_TIMEOUT.toMillis());
        if (!"https".equals(target.getScheme())) {
            return plain;
        }
        return backendTls.getSocketFactory().createSocket(plain, target.getHost(), target.getPort(), true);
    }

    /** The request line and headers as the backend gets them. */
    private static String head(Request request, HttpURI target, Map<String, String> forwarded) {
        StringBuilder head = new StringBuilder(request.getMethod()).append(' ').append(target.getPathQuery())
                .append(" HTTP/1.1\r\n");
        for (HttpField field : request.getHeaders()) {
            if (!forwarded.containsKey(field.getName())) {
                head.append(field.getName()).append(": ").append(field.getValue()).append("\r\n");
            }
        }
        forwarded.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the socket is being given up either way
            }
        }
    }

    /** A response head read by Jetty's parser, and the bytes that came after it. */
    private record Head(int status, HttpFields headers, ByteBuffer rest) {
        static Head read(InputStream in) throws IOException {
            HttpFields.Mutable headers = HttpFields.build();
            int[] status = {0};
            HttpParser parser = new HttpParser(new HttpParser.ResponseHandler() {
                @Override
                public void startResponse(HttpVersion version, int code, String reason) {
                    status[0] = code;
                }

                @Override
                public void parsedHeader(HttpField field) {
                    headers.add(field);
                }

                @Override
                public boolean headerComplete() {
                    return true;
                }

                @Override
                public boolean content(ByteBuffer content) {
                    return true;
                }

                @Override
                public boolean contentComplete() {
                    return true;
                }

                @Override
                public boolean messageComplete() {
                    return true;
                }

                @Override
                public void earlyEOF() {
                    status[0] = -1;
                }
            });
            ByteBuffer buffer = BufferUtil.allocate(MAX_HEAD);
            byte[] bytes = new byte[4096];
            while (true) {
                if (parser.parseNext(buffer)) {
                    return new Head(status[0], headers, BufferUtil.copy(buffer));
                }
                if (BufferUtil.space(buffer) == 0) {
                    throw new IOException("response head longer than " + MAX_HEAD + " bytes");
                }
                int n = in.read(bytes, 0, Math.min(bytes.length, BufferUtil.space(buffer)));
                if (n < 0) {
                    throw new IOException("the backend closed the connection before answering");
                }
                BufferUtil.append(buffer, bytes, 0, n);
            }
        }
    }
}
