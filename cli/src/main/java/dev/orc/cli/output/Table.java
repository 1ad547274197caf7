package dev.orc.cli.output;

import java.util.ArrayList;
import java.util.List;

/** Columns aligned as kubectl aligns them: left-justified, three spaces apart, the last column unpadded. */
public final class Table {
    private final List<List<String>> rows = new ArrayList<>();

    public Table add(List<String> row) {
        rows.add(List.copyOf(row));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows as lines, each column as wide as its widest cell. */
    public List<String> lines() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
