package dev.orc.api.manifest;

/** A place in a source file, both 1-based. */
public record Position(int line, int column) {
    public static final Position START = new Position(1, 1);

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
