package dev.orc.node.ingress;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request whose body may not pass {@code limit} bytes however it is framed: a body without Content-Length
 * (chunked) is counted as it is read, and reading past the limit fails with {@link TooLarge}, which the proxy
 * answers with 413 when no response has started yet.
 */
final class BodyLimit extends Request.Wrapper {
    /** The failure of a body read past its limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("request body over the limit of " + limit + " bytes");
        }
    }

    private final long limit;
    private long read;

    BodyLimit(Request request, long limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk chunk = super.read();
        if (chunk == null || Content.Chunk.isFailure(chunk)) {
            return chunk;
        }
        read += chunk.remaining();
        if (read > limit) {
            chunk.release();
            return Content.Chunk.from(new TooLarge(limit), true);
        }
        return chunk;
    }
}
