package dev.orc.reconciler.controller;

import java.util.ArrayList;
import java.util.List;

/** What a recording test double noted, one line an entry, in order, from any thread. */
final class Records {
    private final List<String> lines = new ArrayList<>();

    synchronized void add(String line) {
        lines.add(line);
    }

    synchronized List<String> list() {
        return List.copyOf(lines);
    }

    synchronized void clear() {
        lines.clear();
    }
}
