package dev.orc.api.spdy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the header blocks of one direction of one connection: one zlib stream with SPDY/3's dictionary, inflated
 * block by block. A block that inflates to more than {@link #MAX_PLAIN_BYTES} or is laid out wrongly is refused.
 */
public final class HeaderBlockDecompressor implements AutoCloseable {
    static final int MAX_PLAIN_BYTES = 256 * 1024;

    private final Inflater inflater = new Inflater();
    private final byte[] chunk = new byte[4096];

    public synchronized SpdyHeaders decompress(byte[] block) {
        inflater.setInput(block);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        try {
            while (true) {
                int read = inflater.inflate(chunk);
                if (read > 0) {
                    plain.write(chunk, 0, read);
                    if (plain.size() > MAX_PLAIN_BYTES) {
                        throw new SpdyProtocolException("a header block inflates to more than " + MAX_PLAIN_BYTES
                                + " bytes");
                    }
                } else if (inflater.needsDictionary()) {
                    inflater.setDictionary(SpdyDictionary.bytes());
                } else {
                    break;
                }
            }
        } catch (DataFormatException e) {
            throw new SpdyProtocolException("a header block is not zlib with SPDY/3's dictionary: " + e.getMessage(), e);
        }
        if (inflater.getRemaining() > 0) {
            throw new SpdyProtocolException("a header block has " + inflater.getRemaining()
                    + " bytes after the end of its zlib stream");
        }
        return parse(plain.toByteArray());
    }

    /** The pairs of an uncompressed block. */
    static SpdyHeaders parse(byte[] plain) {
        ByteBuffer in = ByteBuffer.wrap(plain);
        int count = readInt(in, "the number of headers");
        if (count < 0 || count > plain.length / 8) {
            throw new SpdyProtocolException("a header block claims " + Integer.toUnsignedString(count)
                    + " headers in " + plain.length + " bytes");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = readString(in, "header " + (i + 1) + "'s name");
            String value = readString(in, "header \"" + name + "\"'s value");
            if (name.isEmpty()) {
                throw new SpdyProtocolException("header " + (i + 1) + " has an empty name");
            }
            if (values.containsKey(name)) {
                throw new SpdyProtocolException("header \"" + name + "\" appears twice in one block");
            }
            values.put(name, new ArrayList<>(List.of(value.split("\0", -1))));
        }
        if (in.hasRemaining()) {
            throw new SpdyProtocolException("a header block has " + in.remaining() + " bytes after its " + count
                    + " headers");
        }
        return new SpdyHeaders(values);
    }

    private static String readString(ByteBuffer in, String what) {
        int length = readInt(in, "the length of " + what);
        if (length < 0 || length > in.remaining()) {
            throw new SpdyProtocolException(what + " claims " + Integer.toUnsignedString(length) + " bytes but "
                    + in.remaining() + " are left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int readInt(ByteBuffer in, String what) {
        if (in.remaining() < 4) {
            throw new SpdyProtocolException("a header block ends before " + what);
        }
        return in.getInt();
    }

    @Override
    public synchronized void close() {
        inflater.end();
    }
}
