package dev.orc.node.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes a POSIX ustar archive of regular files and directories into memory: a build context. */
final class TarWriter {

    private static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;
    private static final int PREFIX_LENGTH = 155;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void directory(String path, int mode) {
        header(path.endsWith("/") ? path : path + "/", mode, 0, (byte) '5');
    }

    void file(String path, int mode, byte[] content) {
        header(path, mode, content.length, (byte) '0');
        out.writeBytes(content);
        pad(content.length);
    }

    /** Ends the archive and returns its bytes. */
    byte[] finish() {
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private void header(String path, int mode, long size, byte type) {
        byte[] h = new byte[BLOCK];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length <= NAME_LENGTH) {
            put(h, 0, name);
        } else {
            int split = path.lastIndexOf('/', PREFIX_LENGTH);
            byte[] prefix = split > 0 ? path.substring(0, split).getBytes(StandardCharsets.UTF_8) : new byte[0];
            byte[] rest = split > 0 ? path.substring(split + 1).getBytes(StandardCharsets.UTF_8) : name;
            if (split <= 0 || prefix.length > PREFIX_LENGTH || rest.length > NAME_LENGTH) {
                throw new IllegalArgumentException("path too long for a tar archive: '" + path + "'");
            }
            put(h, 0, rest);
            put(h, 345, prefix);
        }
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = type;
        put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, "00".getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, sum);
        out.writeBytes(h);
    }

    private void pad(long size) {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.writeBytes(new byte[BLOCK - rest]);
        }
    }

    private static void put(byte[] header, int offset, byte[] value) {
        System.arraycopy(value, 0, header, offset, value.length);
    }

    /** A zero-padded octal number in a field of the given width, NUL-terminated. */
    private static void octal(byte[] header, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > width - 1) {
            throw new IllegalArgumentException("value " + value + " does not fit a tar header field");
        }
        String padded = "0".repeat(width - 1 - digits.length()) + digits;
        put(header, offset, padded.getBytes(StandardCharsets.US_ASCII));
        header[offset + width - 1] = 0;
    }
}
