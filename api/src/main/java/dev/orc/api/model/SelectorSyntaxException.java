package dev.orc.api.model;

/** A label selector string that does not parse; the message quotes the selector and names the column. */
public final class SelectorSyntaxException extends IllegalArgumentException {
    private final String selector;
    private final int column;

    SelectorSyntaxException(String selector, int column, String problem) {
        super("invalid label selector \"" + selector + "\": " + problem + " at column " + column);
        this.selector = selector;
        this.column = column;
    }

    public String selector() {
        return selector;
    }

    /** 1-based column of the offending character ({@code length + 1} for the end of the input). */
    public int column() {
        return column;
    }
}
