package dev.orc.node.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The status and the {@code Location} of an HTTP/1.x response: all a probe needs, read from the head alone
 * (the body is never read). Lines and the head are bounded, so a server cannot make the agent buffer without end.
 */
record HttpHead(int status, String location) {

    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEADERS = 200;

    /** Reads one head; {@code beforeRead} runs before each byte is read (it bounds the wait). */
    static HttpHead read(InputStream in, IoStep beforeRead) throws IOException {
        String statusLine = line(in, beforeRead);
        if (statusLine == null) {
            throw new IOException("EOF before the response's status line");
        }
        int status = status(statusLine);
        String location = null;
        for (int i = 0; ; i++) {
            if (i == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " response headers");
            }
            String header = line(in, beforeRead);
            if (header == null) {
                throw new IOException("EOF in the response's headers");
            }
            if (header.isEmpty()) {
                return new HttpHead(status, location);
            }
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("location")) {
                location = header.substring(colon + 1).strip();
            }
        }
    }

    boolean isRedirect() {
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) && location != null
                && !location.isEmpty();
    }

    private static int status(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            throw new IOException("malformed HTTP response \"" + abbreviate(line) + "\"");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status code \"" + parts[1] + "\"");
        }
    }

    /** One line without its CRLF (or LF); null at EOF before any byte. */
    private static String line(InputStream in, IoStep beforeRead) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            beforeRead.run();
            int b = in.read();
            if (b == -1) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
            }
            if (b == '\n') {
                String line = bytes.toString(StandardCharsets.ISO_8859_1);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            if (bytes.size() == MAX_LINE) {
                throw new IOException("a response line longer than " + MAX_LINE + " bytes");
            }
            bytes.write(b);
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 64 ? line.substring(0, 64) + "..." : line;
    }

    /** A step that may fail with an I/O error. */
    @FunctionalInterface
    interface IoStep {
        void run() throws IOException;
    }
}
