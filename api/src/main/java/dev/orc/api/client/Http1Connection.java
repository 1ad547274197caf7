package dev.orc.api.client;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection to one server, over TLS (JSSE, with the server's name or address verified against its
 * certificate), plain TCP, or the Unix domain socket of a server on this machine ({@link LocalSocket}): a request written whole, its answer read whole (by {@code Content-Length}, chunked, or
 * to the end of the connection). It costs a command far less start-up than {@code java.net.http}, which brings an
 * executor, a selector thread and asynchronous plumbing to send one request. Not thread-safe: {@link Http1Client}
 * hands a connection to one request at a time.
 */
final class Http1Connection implements AutoCloseable {
    /** Longest status line or header line accepted. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** Most header lines accepted in one answer. */
    static final int MAX_HEADERS = 256;
    /** Largest answer body accepted: a list of many objects, well above the API's own limits. */
    static final int MAX_BODY_BYTES = 512 * 1024 * 1024;

    /** A connection not made within the connect timeout: the server never got the request. */
    static final class ConnectTimeout extends ConnectException {
        ConnectTimeout(String message) {
            super(message);
        }
    }

    private final Wire wire;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private long idleSince;
    private boolean reusable;

    private Http1Connection(Wire wire, String host) throws IOException {
        this.wire = wire;
        this.in = new BufferedInputStream(wire.input(), 16 * 1024);
        this.out = new BufferedOutputStream(wire.output(), 16 * 1024);
        this.host = host;
    }

    /**
     * Connects to the Unix domain socket at {@code path}, where the server of {@code origin} also listens, to send it
     * plain HTTP with {@code origin}'s authority as the {@code Host}.
     */
    static Http1Connection openLocal(Path path, URI origin, Duration timeout) throws IOException {
        boolean secure = "https".equals(origin.getScheme());
        int port = origin.getPort() >= 0 ? origin.getPort() : secure ? 443 : 80;
        UnixWire wire = UnixWire.connect(path, Math.toIntExact(timeout.toMillis()));
        try {
            return new Http1Connection(wire, authority(origin.getHost(), port, secure ? 443 : 80));
        } catch (IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
    }

    /** Connects to {@code origin} ({@code https://host:port} or {@code http://...}) and, for HTTPS, shakes hands. */
    static Http1Connection open(URI origin, SSLSocketFactory tls, Duration connectTimeout) throws IOException {
        boolean secure = "https".equals(origin.getScheme());
        int port = origin.getPort() >= 0 ? origin.getPort() : secure ? 443 : 80;
        String host = origin.getHost();
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(unbracketed(host), port), Math.toIntExact(connectTimeout.toMillis()));
        } catch (SocketTimeoutException e) {
            plain.close();
            throw new ConnectTimeout("connect timed out after " + connectTimeout.toSeconds() + "s");
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        if (!secure) {
            return new Http1Connection(Wire.of(plain), authority(host, port, 80));
        }
        try {
            SSLSocket socket = (SSLSocket) tls.createSocket(plain, unbracketed(host), port, true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(Math.toIntExact(connectTimeout.toMillis()));
            socket.startHandshake();
            return new Http1Connection(Wire.of(socket), authority(host, port, 443));
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String authority(String host, int port, int defaultPort) {
        return port == defaultPort ? host : host + ":" + port;
    }

    /**
     * Sends one request and reads its answer, each read bounded by what is left of {@code deadline}
     * ({@link System#nanoTime()}); a read past it throws {@link SocketTimeoutException}.
     */
    Http1Response exchange(String method, String pathAndQuery, Map<String, String> headers, byte[] body, long deadline)
            throws IOException {
        reusable = false;
        writeRequest(method, pathAndQuery, headers, body);
        int status;
        Map<String, List<String>> answerHeaders;
        do {
            status = readStatus(deadline);
            answerHeaders = readHeaders(deadline);
        } while (status / 100 == 1 && status != 101);
        byte[] answer = readBody(method, status, answerHeaders, deadline);
        reusable = !answerHeaders.getOrDefault("connection", List.of()).contains("close");
        idleSince = System.nanoTime();
        return new Http1Response(status, answerHeaders, answer);
    }

    /** Whether the last answer was read whole on a connection the server keeps open. */
    boolean reusable() {
        return reusable;
    }

    /** How long the connection has been idle since its last answer, in nanoseconds. */
    long idleNanos() {
        return System.nanoTime() - idleSince;
    }

    /**
     * Whether the server has not closed the idle connection: nothing, not even its end, waits to be read (an idle
     * connection has nothing to read, so a byte or the end both mean it cannot carry a request). A server
     * closes idle connections on its own schedule, and a write sent on such a one may be lost without an answer.
     */
    boolean stillOpen() {
        try {
            wire.readTimeout(1);
            in.read();
            return false;
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void writeRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body)
            throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private int readStatus(long deadline) throws IOException {
        String line = readLine(deadline);
        if (line == null) {
            throw new EOFException("the server closed the connection without answering");
        }
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new IOException("the server's answer does not start with an HTTP/1.1 status line: " + abbreviated(line));
        }
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("the server's status line has no status code: " + abbreviated(line), e);
        }
    }

    private Map<String, List<String>> readHeaders(long deadline) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(deadline);
            if (line == null) {
                throw new EOFException("the server closed the connection in the middle of its headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (count >= MAX_HEADERS) {
                throw new IOException("the server sent more than " + MAX_HEADERS + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("the server sent a header line without a name: " + abbreviated(line));
            }
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
    }

    private byte[] readBody(String method, int status, Map<String, List<String>> headers, long deadline)
            throws IOException {
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            return new byte[0];
        }
        String encoding = String.join(",", headers.getOrDefault("transfer-encoding", List.of())).toLowerCase(Locale.ROOT);
        if (encoding.contains("chunked")) {
            return readChunked(deadline);
        }
        List<String> length = headers.getOrDefault("content-length", List.of());
        if (!length.isEmpty()) {
            long bytes;
            try {
                bytes = Long.parseLong(length.getFirst());
            } catch (NumberFormatException e) {
                throw new IOException("the server sent an invalid Content-Length: " + abbreviated(length.getFirst()), e);
            }
            if (bytes < 0 || bytes > MAX_BODY_BYTES) {
                throw new IOException("the server's answer is " + bytes + " bytes, more than the "
                        + MAX_BODY_BYTES + " accepted");
            }
            return readExactly((int) bytes, deadline);
        }
        headers.put("connection", List.of("close"));
        return readToEnd(deadline);
    }

    private byte[] readChunked(long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(deadline);
            if (sizeLine == null) {
                throw new EOFException("the server closed the connection in the middle of a chunked answer");
            }
            int extension = sizeLine.indexOf(';');
            String hex = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).strip();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("the server sent an invalid chunk size: " + abbreviated(sizeLine), e);
            }
            if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
                throw new IOException("the server's answer is more than the " + MAX_BODY_BYTES + " bytes accepted");
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(deadline);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            body.write(readExactly(size, deadline));
            if (!"".equals(readLine(deadline))) {
                throw new IOException("the server's chunk did not end with a line break");
            }
        }
    }

    private byte[] readExactly(int length, long deadline) throws IOException {
        byte[] bytes = new byte[length];
        int at = 0;
        while (at < length) {
            boundReads(deadline);
            int read = in.read(bytes, at, length - at);
            if (read < 0) {
                throw new EOFException("the server closed the connection after " + at + " of " + length + " bytes");
            }
            at += read;
        }
        return bytes;
    }

    private byte[] readToEnd(long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            boundReads(deadline);
            int read = in.read(buffer);
            if (read < 0) {
                return body.toByteArray();
            }
            if (body.size() + (long) read > MAX_BODY_BYTES) {
                throw new IOException("the server's answer is more than the " + MAX_BODY_BYTES + " bytes accepted");
            }
            body.write(buffer, 0, read);
        }
    }

    /** One line without its CR LF, or null at the end of the stream before any byte of it. */
    private String readLine(long deadline) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            if (in.available() == 0) {
                boundReads(deadline);
            }
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new IOException("the server sent a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private void boundReads(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("no answer in time");
        }
        wire.readTimeout((int) Math.clamp(left / 1_000_000, 1, Integer.MAX_VALUE));
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    @Override
    public void close() {
        try {
            wire.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }
}
