package dev.orc.node.probe;

import dev.orc.api.model.Probe;
import dev.orc.node.net.UnverifiedServers;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An {@code httpGet} probe as the kubelet sends it: one HTTP/1.1 GET per connection, over TLS for HTTPS without
 * verifying the certificate (SNI is the URL's host when it is a name, none for an address), the probe's headers
 * sent as given (a {@code Host} header among them replaces the default one), a status from 200 to 399 a success.
 * Redirects to the same host are followed, up to {@value #MAX_REDIRECTS} requests in all; a redirect to another host ends the probe
 * as a success, as the kubelet's (which only warns). The whole run, redirects included, has the probe's timeout.
 */
final class HttpGetProber {

    static final int MAX_REDIRECTS = 10;
    private static final String USER_AGENT = "orc-probe/1.0";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SSLSocketFactory tls = UnverifiedServers.context().getSocketFactory();

    /** Probes {@code uri} (http or https, with a port); bad headers are an {@link IllegalArgumentException}. */
    ProbeOutcome probe(URI uri, List<Probe.HttpHeader> headers, Duration timeout) {
        headers.forEach(HttpGetProber::check);
        Deadline deadline = Deadline.after(timeout);
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpHead head;
            try {
                head = exchange(current, headers, deadline);
            } catch (SocketTimeoutException e) {
                return ProbeOutcome.failed("Get \"" + current + "\": timeout after " + Deadline.describe(timeout));
            } catch (IOException e) {
                return ProbeOutcome.failed("Get \"" + current + "\": " + describe(e));
            }
            if (!head.isRedirect()) {
                return head.status() >= 200 && head.status() < 400 ? ProbeOutcome.ok()
                        : ProbeOutcome.failed("HTTP probe failed with statuscode: " + head.status());
            }
            URI next;
            try {
                next = current.resolve(head.location());
            } catch (IllegalArgumentException e) {
                return ProbeOutcome.failed("Get \"" + current + "\": malformed Location \"" + head.location() + "\"");
            }
            if (next.getHost() == null || !next.getHost().equalsIgnoreCase(uri.getHost())) {
                return ProbeOutcome.ok();
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return ProbeOutcome.failed("Get \"" + next + "\": unsupported protocol scheme \"" + next.getScheme() + "\"");
            }
            if (redirects + 1 == MAX_REDIRECTS) {
                return ProbeOutcome.failed("Get \"" + next + "\": stopped after " + MAX_REDIRECTS + " redirects");
            }
            current = next;
        }
    }

    private HttpHead exchange(URI uri, List<Probe.HttpHeader> headers, Deadline deadline) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = unbracketed(uri.getHost());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), deadline.remainingMillis());
            if (https) {
                SSLSocket secure = (SSLSocket) tls.createSocket(socket, host, port, true);
                socket = secure;
                serverName(host, secure);
                secure.setSoTimeout(deadline.remainingMillis());
                secure.startHandshake();
            }
            OutputStream out = socket.getOutputStream();
            out.write(request(uri, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Socket connected = socket;
            HttpHead.IoStep bounded = () -> connected.setSoTimeout(deadline.remainingMillis());
            HttpHead head = HttpHead.read(in, bounded);
            while (head.status() >= 100 && head.status() < 200) {
                head = HttpHead.read(in, bounded);
            }
            return head;
        } finally {
            socket.close();
        }
    }

    /** SNI names any host but an address, "localhost" included (the JDK on its own sends only dotted names). */
    private static void serverName(String host, SSLSocket socket) {
        if (host.contains(":") || IPV4.matcher(host).matches()) {
            return;
        }
        SNIHostName name;
        try {
            name = new SNIHostName(host);
        } catch (IllegalArgumentException e) {
            return;
        }
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(name));
        socket.setSSLParameters(parameters);
    }

    static String request(URI uri, List<Probe.HttpHeader> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder request = new StringBuilder("GET ").append(path)
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
        if (!has(headers, "Host")) {
            request.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        }
        if (!has(headers, "User-Agent")) {
            request.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        if (!has(headers, "Accept")) {
            request.append("Accept: */*\r\n");
        }
        for (Probe.HttpHeader header : headers) {
            if (!header.name().equalsIgnoreCase("Connection")) {
                request.append(header.name()).append(": ").append(header.value() == null ? "" : header.value())
                        .append("\r\n");
            }
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    private static boolean has(List<Probe.HttpHeader> headers, String name) {
        return headers.stream().anyMatch(h -> name.equalsIgnoreCase(h.name()));
    }

    /** A header name must be an HTTP token and a value one line, or the request could be split. */
    private static void check(Probe.HttpHeader header) {
        String name = header.name();
        if (name == null || name.isEmpty() || !name.chars().allMatch(HttpGetProber::isTokenChar)) {
            throw new IllegalArgumentException("httpHeaders: invalid header name \"" + name + "\"");
        }
        String value = header.value();
        if (value != null && value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new IllegalArgumentException("httpHeaders: the value of header " + name + " has a line break");
        }
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() : message;
    }
}
