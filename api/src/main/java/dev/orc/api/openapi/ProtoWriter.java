package dev.orc.api.openapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** The protocol buffers wire format, as much of it as a document of strings, numbers and nested messages needs. */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The bytes of the message {@code body} writes. */
    static byte[] message(Consumer<ProtoWriter> body) {
        ProtoWriter writer = new ProtoWriter();
        body.accept(writer);
        return writer.out.toByteArray();
    }

    /** A string field; an empty one is left out, as proto3 leaves out defaults. */
    ProtoWriter string(int field, String value) {
        if (value != null && !value.isEmpty()) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    ProtoWriter bool(int field, boolean value) {
        if (value) {
            tag(field, VARINT);
            varint(1);
        }
        return this;
    }

    ProtoWriter int64(int field, long value) {
        if (value != 0) {
            tag(field, VARINT);
            varint(value);
        }
        return this;
    }

    ProtoWriter float64(int field, double value) {
        if (value != 0) {
            tag(field, FIXED64);
            long bits = Double.doubleToLongBits(value);
            for (int i = 0; i < 8; i++) {
                out.write((int) (bits >>> (8 * i)) & 0xff);
            }
        }
        return this;
    }

    /** A nested message field, written even when empty (its presence can matter). */
    ProtoWriter message(int field, Consumer<ProtoWriter> body) {
        bytes(field, message(body));
        return this;
    }

    private void bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}
