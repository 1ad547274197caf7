package dev.orc.reconciler.apiserver.admission.podsecurity;

import java.util.Locale;
import java.util.Optional;

/** The Pod Security Standards' levels, each allowing less than the one before. */
public enum Level {
    PRIVILEGED, BASELINE, RESTRICTED;

    /** The level a label value names ({@code privileged}, {@code baseline}, {@code restricted}). */
    public static Optional<Level> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Level level : values()) {
            if (level.label().equals(value)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
