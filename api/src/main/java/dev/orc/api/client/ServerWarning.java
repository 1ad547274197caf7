package dev.orc.api.client;

/** The text of an HTTP {@code Warning} header as Kubernetes sends one: {@code 299 - "text"}. */
final class ServerWarning {
    private ServerWarning() {
    }

    /** The quoted text, unescaped; a header of another form as it is. */
    static String text(String header) {
        int open = header.indexOf('"');
        int close = header.lastIndexOf('"');
        if (open < 0 || close <= open) {
            return header.strip();
        }
        StringBuilder text = new StringBuilder();
        for (int i = open + 1; i < close; i++) {
            char c = header.charAt(i);
            if (c == '\\' && i + 1 < close) {
                c = header.charAt(++i);
            }
            text.append(c);
        }
        return text.toString();
    }
}
