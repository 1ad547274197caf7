package dev.orc.api.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One binary WebSocket message put back together from the parts a {@code java.net.http.WebSocket.Listener} is handed.
 * The listener's calls come one at a time, so this is not thread-safe.
 */
public final class MessageParts {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /** Adds {@code part}; the whole message once {@code last} is true, else empty. */
    public Optional<ByteBuffer> add(ByteBuffer part, boolean last) {
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        partial.writeBytes(bytes);
        if (!last) {
            return Optional.empty();
        }
        ByteBuffer message = ByteBuffer.wrap(partial.toByteArray());
        partial.reset();
        return Optional.of(message);
    }
}
