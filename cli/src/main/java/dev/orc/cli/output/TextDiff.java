package dev.orc.cli.output;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts, line by line, with three lines of context, as {@code diff -u} prints it. */
public final class TextDiff {
    private static final int CONTEXT = 3;

    /** One line of the edit script: kept ({@code ' '}), removed ({@code '-'}) or added ({@code '+'}). */
    private record Op(char kind, String line, int fromIndex, int toIndex) {
    }

    private TextDiff() {
    }

    /** The diff of {@code from} to {@code to} under the two labels; empty when the texts are the same. */
    public static String unified(String fromLabel, String toLabel, String from, String to) {
        List<Op> ops = script(lines(from), lines(to));
        List<Integer> changes = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).kind() != ' ') {
                changes.add(i);
            }
        }
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("--- ").append(fromLabel).append('\n')
                .append("+++ ").append(toLabel).append('\n');
        int first = 0;
        while (first < changes.size()) {
            int last = first;
            while (last + 1 < changes.size() && changes.get(last + 1) - changes.get(last) <= 2 * CONTEXT) {
                last++;
            }
            hunk(ops, Math.max(0, changes.get(first) - CONTEXT), Math.min(ops.size(), changes.get(last) + CONTEXT + 1), out);
            first = last + 1;
        }
        return out.toString();
    }

    private static void hunk(List<Op> ops, int start, int end, StringBuilder out) {
        int fromCount = 0;
        int toCount = 0;
        for (int i = start; i < end; i++) {
            fromCount += ops.get(i).kind() != '+' ? 1 : 0;
            toCount += ops.get(i).kind() != '-' ? 1 : 0;
        }
        Op head = ops.get(start);
        out.append("@@ -").append(range(head.fromIndex(), fromCount)).append(" +").append(range(head.toIndex(), toCount))
                .append(" @@\n");
        for (int i = start; i < end; i++) {
            out.append(ops.get(i).kind()).append(ops.get(i).line()).append('\n');
        }
    }

    private static String range(int index, int count) {
        if (count == 1) {
            return Integer.toString(index + 1);
        }
        return (count == 0 ? index : index + 1) + "," + count;
    }

    /** The shortest edit script, from the longest common subsequence of lines. */
    private static List<Op> script(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new Op(' ', a.get(i), i++, j++));
            } else if (j >= b.size() || (i < a.size() && common[i + 1][j] >= common[i][j + 1])) {
                ops.add(new Op('-', a.get(i), i++, j));
            } else {
                ops.add(new Op('+', b.get(j), i, j++));
            }
        }
        return ops;
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }
}
