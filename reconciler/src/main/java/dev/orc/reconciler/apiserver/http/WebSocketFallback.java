package dev.orc.reconciler.apiserver.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * orc streams watches over plain HTTP, as the Kubernetes API serves kubectl and client-go. A client asking for a
 * WebSocket instead (the fabric8 Kubernetes client does) is answered as if it had not asked: it gets the HTTP
 * answer, a 200, and falls back to an HTTP watch as it does behind {@code kubectl proxy}. A watch is the exception:
 * its answer is a stream that lasts minutes, and a client that reads the whole refusal before falling back (fabric8
 * on Vert.x 5) would wait for all of it, so a handshake for a watch gets an empty 200 at once. The handshakes of a
 * pod's exec, attach and port-forward, WebSockets in Kubernetes too, pass unchanged. Without this filter,
 * Javalin answers every WebSocket handshake on a path without a WebSocket handler with 404.
 */
public final class WebSocketFallback implements Filter {
    /** The legacy watch paths: {@code /api/v1/watch/...}, {@code /apis/apps/v1/watch/...}. */
    private static final Pattern WATCH_PATH = Pattern.compile("^/(api/[^/]+|apis/[^/]+/[^/]+)/watch/");
    /** The subresources that are WebSockets in Kubernetes too: their handshakes reach their handlers. */
    private static final Pattern STREAM_PATH = Pattern.compile(
            "^/api/v1/namespaces/[^/]+/pods/[^/]+/(exec|attach|portforward)$");
    private static final Set<String> HANDSHAKE_HEADERS = Set.of("upgrade", "sec-websocket-key", "sec-websocket-version",
            "sec-websocket-extensions", "sec-websocket-protocol");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && http.getHeader("Sec-WebSocket-Key") != null) {
            if (STREAM_PATH.matcher(http.getRequestURI()).matches()) {
                chain.doFilter(request, response);
            } else if (isWatch(http)) {
                ((HttpServletResponse) response).setStatus(HttpServletResponse.SC_OK);
                response.setContentLength(0);
            } else {
                chain.doFilter(new PlainHttp(http), response);
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean isWatch(HttpServletRequest request) {
        String watch = request.getParameter("watch");
        return "true".equals(watch) || "1".equals(watch) || WATCH_PATH.matcher(request.getRequestURI()).find();
    }

    /** The request without its WebSocket handshake headers. */
    private static final class PlainHttp extends HttpServletRequestWrapper {
        PlainHttp(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return name != null && HANDSHAKE_HEADERS.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !hidden(name)).toList());
        }
    }
}
