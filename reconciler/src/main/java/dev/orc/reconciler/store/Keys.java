package dev.orc.reconciler.store;

/** Checks shared by every backend on the keys and values a caller passes in. */
public final class Keys {
    private Keys() {
    }

    /** Fails with a message naming the argument when the key is unusable or the value too large. */
    public static void checkWrite(String key, byte[] value) {
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("value for " + key + " must not be null");
        }
        if (value.length > Store.MAX_VALUE_BYTES) {
            throw new ValueTooLargeException(key, value.length);
        }
    }

    public static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
    }

    /**
     * The smallest string greater than every string starting with {@code prefix}, or null when there
     * is none (empty prefix, or one made only of the highest character).
     */
    public static String prefixEnd(String prefix) {
        StringBuilder end = new StringBuilder(prefix);
        while (!end.isEmpty()) {
            int last = end.length() - 1;
            char c = end.charAt(last);
            if (c < Character.MAX_VALUE) {
                end.setCharAt(last, (char) (c + 1));
                return end.toString();
            }
            end.setLength(last);
        }
        return null;
    }
}
