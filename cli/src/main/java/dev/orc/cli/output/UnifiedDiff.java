package dev.orc.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff ({@code diff -u}) of two texts, with three lines of context. Common leading and trailing
 * lines are set aside first; the rest is compared by longest common subsequence, which stays small for the
 * size of objects. A middle part too big for that is shown as replaced whole.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000;

    private enum Op { SAME, DELETE, INSERT }

    private record Edit(Op op, String line) {
    }

    private UnifiedDiff() {
    }

    /** The diff, or the empty string when the texts are equal. */
    public static String diff(String fromLabel, String toLabel, String from, String to) {
        List<String> a = from.lines().toList();
        List<String> b = to.lines().toList();
        if (a.equals(b)) {
            return "";
        }
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder("--- ").append(fromLabel).append('\n')
                .append("+++ ").append(toLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op() != Op.SAME) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(edits, start, end, out);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(List<Edit> edits, int start, int end, StringBuilder out) {
        int fromLine = 1;
        int toLine = 1;
        for (int k = 0; k < start; k++) {
            if (edits.get(k).op() != Op.INSERT) {
                fromLine++;
            }
            if (edits.get(k).op() != Op.DELETE) {
                toLine++;
            }
        }
        int fromCount = 0;
        int toCount = 0;
        StringBuilder body = new StringBuilder();
        for (int k = start; k < end; k++) {
            Edit edit = edits.get(k);
            switch (edit.op()) {
                case SAME -> {
                    fromCount++;
                    toCount++;
                    body.append(' ');
                }
                case DELETE -> {
                    fromCount++;
                    body.append('-');
                }
                case INSERT -> {
                    toCount++;
                    body.append('+');
                }
            }
            body.append(edit.line()).append('\n');
        }
        out.append("@@ -").append(range(fromLine, fromCount)).append(" +").append(range(toLine, toCount)).append(" @@\n")
                .append(body);
    }

    private static String range(int line, int count) {
        return count == 0 ? (line - 1) + ",0" : count == 1 ? Integer.toString(line) : line + "," + count;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        a.subList(0, prefix).forEach(l -> edits.add(new Edit(Op.SAME, l)));
        edits.addAll(middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix)));
        a.subList(a.size() - suffix, a.size()).forEach(l -> edits.add(new Edit(Op.SAME, l)));
        return edits;
    }

    private static List<Edit> middle(List<String> a, List<String> b) {
        List<Edit> edits = new ArrayList<>();
        if ((long) (a.size() + 1) * (b.size() + 1) > MAX_CELLS) {
            a.forEach(l -> edits.add(new Edit(Op.DELETE, l)));
            b.forEach(l -> edits.add(new Edit(Op.INSERT, l)));
            return edits;
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Op.SAME, a.get(i++)));
                j++;
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit(Op.DELETE, a.get(i++)));
            } else {
                edits.add(new Edit(Op.INSERT, b.get(j++)));
            }
        }
        return edits;
    }
}
