package dev.orc.node.volume;

import java.util.Arrays;

/** One file of a ConfigMap or Secret volume: its bytes and its permission bits (e.g. {@code 0644}). */
public record ProjectedFile(byte[] content, int mode) {

    public ProjectedFile {
        content = content.clone();
        if (mode < 0 || mode > 0777) {
            throw new IllegalArgumentException("file mode must be between 0 and 0777 (octal), got " + Integer.toOctalString(mode));
        }
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProjectedFile f && f.mode == mode && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + mode;
    }
}
