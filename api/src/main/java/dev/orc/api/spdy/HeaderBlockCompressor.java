package dev.orc.api.spdy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes header blocks for one direction of one connection: the pairs as SPDY/3 lays them out (counts and lengths
 * as four bytes; a name's several values joined by NUL), deflated with SPDY/3's dictionary in one zlib stream that
 * lasts as long as the connection, each block ended by a sync flush so the peer can read it at once.
 */
public final class HeaderBlockCompressor implements AutoCloseable {
    private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    private final byte[] chunk = new byte[4096];

    public HeaderBlockCompressor() {
        deflater.setDictionary(SpdyDictionary.bytes());
    }

    public synchronized byte[] compress(SpdyHeaders headers) {
        deflater.setInput(plain(headers));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written;
        do {
            written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, written);
        } while (written == chunk.length);
        return out.toByteArray();
    }

    /** The uncompressed block. */
    static byte[] plain(SpdyHeaders headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, headers.values().size());
        for (Map.Entry<String, List<String>> header : headers.values().entrySet()) {
            writeString(out, header.getKey().getBytes(StandardCharsets.UTF_8));
            writeString(out, String.join("\0", header.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
    }

    @Override
    public synchronized void close() {
        deflater.end();
    }
}
