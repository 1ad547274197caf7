package dev.orc.cli.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A unified diff ({@code diff -u}) of two texts with three lines of context, computed by java-diff-utils. Hunk
 * ranges are written as GNU diff writes them: a count of one is left out ({@code @@ -3 +3 @@}).
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final Pattern COUNT_OF_ONE = Pattern.compile("(?<=[-+]\\d{1,10}),1(?= )");

    private UnifiedDiff() {
    }

    /** The diff, or the empty string when the texts are equal. */
    public static String diff(String fromLabel, String toLabel, String from, String to) {
        List<String> a = from.lines().toList();
        List<String> b = to.lines().toList();
        if (a.equals(b)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, a, DiffUtils.diff(a, b), CONTEXT)) {
            out.append(line.startsWith("@@") ? COUNT_OF_ONE.matcher(line).replaceAll("") : line).append('\n');
        }
        return out.toString();
    }
}
