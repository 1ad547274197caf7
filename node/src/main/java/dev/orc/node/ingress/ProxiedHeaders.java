package dev.orc.node.ingress;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The heads a proxy sends on: the request to the backend (HTTP/1.1, the rewritten path, the client's headers but the
 * hop-by-hop ones, X-Forwarded-For/-Proto/-Host/-Port and X-Real-IP as ingress-nginx sends them) and the response to
 * the client (the backend's headers but the hop-by-hop ones, framed for the client's protocol).
 */
final class ProxiedHeaders {
    /**
     * Headers of one connection, never passed on (RFC 9110 7.6.1), with the framing ones the codecs set for the
     * other side and Expect, which the ingress answers itself.
     */
    private static final List<AsciiString> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.PROXY_CONNECTION, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.EXPECT,
            HttpHeaderNames.TRANSFER_ENCODING);
    /** The headers Netty's HTTP/2 to HTTP/1 conversion adds to a request. */
    private static final List<AsciiString> HTTP2_EXTENSIONS = Stream.of(
            HttpConversionUtil.ExtensionHeaderNames.values()).map(HttpConversionUtil.ExtensionHeaderNames::text).toList();
    private static final AsciiString FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    private static final AsciiString FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    private static final AsciiString FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    private static final AsciiString FORWARDED_PORT = AsciiString.cached("X-Forwarded-Port");
    private static final AsciiString REAL_IP = AsciiString.cached("X-Real-IP");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    private static final AsciiString HTTP = AsciiString.cached("http");

    private ProxiedHeaders() {
    }

    /** Who sent a request and where it came in. */
    record Client(String address, String localPort, boolean secure, boolean http2) {
    }

    /**
     * The backend's request head for {@code request} from {@code client}, to {@code uri}; an upgrade keeps its
     * Connection and Upgrade headers.
     */
    static HttpRequest request(HttpRequest request, String uri, String authority, Client client, boolean upgrade) {
        HttpHeaders headers = request.headers();
        String upgradeTo = upgrade ? headers.get(HttpHeaderNames.UPGRADE) : null;
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        keepEndToEnd(headers, client.http2());
        HttpRequest out = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), uri, headers);
        if (!HttpUtil.isContentLengthSet(out) && (chunked || client.http2() && !(request instanceof FullHttpRequest))) {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        if (upgradeTo != null) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
            headers.set(HttpHeaderNames.UPGRADE, upgradeTo);
        }
        String earlier = headers.get(FORWARDED_FOR);
        headers.set(FORWARDED_FOR, earlier == null ? client.address() : earlier + ", " + client.address());
        headers.set(FORWARDED_PROTO, client.secure() ? HTTPS : HTTP);
        if (authority != null) {
            headers.set(FORWARDED_HOST, authority);
            if (!headers.contains(HttpHeaderNames.HOST)) {
                headers.set(HttpHeaderNames.HOST, authority);
            }
        }
        headers.set(FORWARDED_PORT, client.localPort());
        headers.set(REAL_IP, client.address());
        return out;
    }

    /**
     * The client's response head for the backend's {@code response} to a {@code method} request: framed by
     * Content-Length or chunks for an HTTP/1.1 client (chunked when the backend ended its body by closing), by
     * frames for an HTTP/2 one.
     */
    static HttpResponse response(HttpResponse response, HttpMethod method, boolean http2) {
        boolean chunked = HttpUtil.isTransferEncodingChunked(response);
        keepEndToEnd(response.headers(), false);
        HttpResponse out = response.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (!http2 && !HttpUtil.isContentLengthSet(out) && (chunked || mayHaveBody(response, method))) {
            HttpUtil.setTransferEncodingChunked(out, true);
        }
        return out;
    }

    /** The 101 a backend switched protocols with, as the client gets it. */
    static HttpHeaders switching(HttpResponse response) {
        HttpHeaders headers = response.headers();
        String upgrade = headers.get(HttpHeaderNames.UPGRADE);
        keepEndToEnd(headers, false);
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        if (upgrade != null) {
            headers.set(HttpHeaderNames.UPGRADE, upgrade);
        }
        return headers;
    }

    private static boolean mayHaveBody(HttpResponse response, HttpMethod method) {
        int code = response.status().code();
        return !HttpMethod.HEAD.equals(method) && code >= 200 && code != 204 && code != 304;
    }

    /** Removes, in place, the hop-by-hop headers, those the Connection header names, and HTTP/2's extensions. */
    private static void keepEndToEnd(HttpHeaders headers, boolean http2) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            connectionListed(headers).forEach(headers::remove);
        }
        for (AsciiString hop : HOP_BY_HOP) {
            headers.remove(hop);
        }
        if (http2) {
            for (AsciiString extension : HTTP2_EXTENSIONS) {
                headers.remove(extension);
            }
        }
    }

    private static List<String> connectionListed(HttpHeaders in) {
        List<String> names = new ArrayList<>();
        for (String value : in.getAll(HttpHeaderNames.CONNECTION)) {
            for (String name : value.split(",")) {
                names.add(name.trim());
            }
        }
        return names;
    }
}
