package dev.orc.node.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two messages of {@code grpc.health.v1.Health/Check}, encoded by hand in gRPC's length-prefixed framing:
 * {@code HealthCheckRequest {string service = 1}} and {@code HealthCheckResponse {ServingStatus status = 1}}.
 */
final class GrpcHealthMessages {

    static final String PATH = "/grpc.health.v1.Health/Check";
    static final int SERVING = 1;
    private static final String[] STATUS_NAMES = {"UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"};

    private GrpcHealthMessages() {
    }

    /** The framed request for {@code service} (empty: the server as a whole, sent as an empty message). */
    static byte[] request(String service) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        if (!service.isEmpty()) {
            byte[] name = service.getBytes(StandardCharsets.UTF_8);
            message.write(0x0a);
            varint(message, name.length);
            message.writeBytes(name);
        }
        return framed(message.toByteArray());
    }

    /** The status number of a framed HealthCheckResponse (0, UNKNOWN, when the field is absent, as in proto3). */
    static int status(byte[] framed) {
        if (framed.length < 5) {
            throw new IllegalArgumentException("the reply has no complete gRPC message (" + framed.length + " bytes)");
        }
        if (framed[0] != 0) {
            throw new IllegalArgumentException("the reply is compressed, though no compression was offered");
        }
        long length = ((framed[1] & 0xffL) << 24) | ((framed[2] & 0xff) << 16) | ((framed[3] & 0xff) << 8)
                | (framed[4] & 0xff);
        if (length != framed.length - 5) {
            throw new IllegalArgumentException("the reply's message says " + length + " bytes but has "
                    + (framed.length - 5));
        }
        int status = 0;
        Reader reader = new Reader(framed, 5);
        while (reader.more()) {
            long tag = reader.varint();
            int wireType = (int) (tag & 7);
            if (tag >>> 3 == 1 && wireType == 0) {
                status = (int) reader.varint();
            } else {
                reader.skip(wireType);
            }
        }
        return status;
    }

    /** The name of a ServingStatus, or its number when this version of the protocol has no name for it. */
    static String statusName(int status) {
        return status >= 0 && status < STATUS_NAMES.length ? STATUS_NAMES[status] : Integer.toString(status);
    }

    private static byte[] framed(byte[] message) {
        byte[] framed = new byte[message.length + 5];
        framed[1] = (byte) (message.length >>> 24);
        framed[2] = (byte) (message.length >>> 16);
        framed[3] = (byte) (message.length >>> 8);
        framed[4] = (byte) message.length;
        System.arraycopy(message, 0, framed, 5, message.length);
        return framed;
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long rest = value;
        while ((rest & ~0x7fL) != 0) {
            out.write((int) (rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    /** Reads protobuf's wire format from a position of a byte array. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes, int position) {
            this.bytes = bytes;
            this.position = position;
        }

        boolean more() {
            return position < bytes.length;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = next();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("malformed HealthCheckResponse: a varint longer than 10 bytes");
        }

        void skip(int wireType) {
            long length = switch (wireType) {
                case 0 -> {
                    varint();
                    yield 0;
                }
                case 1 -> 8;
                case 2 -> varint();
                case 5 -> 4;
                default -> throw new IllegalArgumentException("malformed HealthCheckResponse: wire type " + wireType);
            };
            if (length < 0 || length > bytes.length - position) {
                throw new IllegalArgumentException("malformed HealthCheckResponse: a field runs past the message");
            }
            position += (int) length;
        }

        private byte next() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("malformed HealthCheckResponse: it ends inside a field");
            }
            return bytes[position++];
        }
    }
}
