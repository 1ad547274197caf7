package dev.orc.cli.output;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class UnifiedDiffTest {
    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line" + i + "\n").collect(Collectors.joining());
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.diff("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
    }

    @Test
    void aChangedLineShowsWithThreeLinesOfContext() {
        String before = lines(1, 10);
        String after = before.replace("line5\n", "LINE5\n");
        assertThat(UnifiedDiff.diff("live/x", "merged/x", before, after)).isEqualTo("""
                --- live/x
                +++ merged/x
                @@ -2,7 +2,7 @@
                 line2
                 line3
                 line4
                -line5
                +LINE5
                 line6
                 line7
                 line8
                """);
    }

    @Test
    void distantChangesAreSeparateHunksAndCloseOnesMerge() {
        String before = lines(1, 30);
        String after = before.replace("line2\n", "").replace("line20\n", "line20\nnew\n").replace("line24\n", "X\n");
        String diff = UnifiedDiff.diff("a", "b", before, after);
        assertThat(diff).contains("@@ -1,5 +1,4 @@\n line1\n-line2\n line3\n");
        assertThat(diff).contains("@@ -18,10 +17,11 @@\n");
        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).hasSize(2);
    }

    @Test
    void changesSixLinesApartShareOneHunkAsInGnuDiff() {
        String before = lines(1, 30);
        String after = before.replace("line11\n", "X\n").replace("line18\n", "Y\n");
        assertThat(UnifiedDiff.diff("a", "b", before, after).lines().filter(l -> l.startsWith("@@")))
                .containsExactly("@@ -8,14 +8,14 @@");
    }

    @Test
    void anAbsentObjectDiffsAgainstNothing() {
        assertThat(UnifiedDiff.diff("a", "b", "", "k: v\n")).isEqualTo("--- a\n+++ b\n@@ -0,0 +1 @@\n+k: v\n");
        assertThat(UnifiedDiff.diff("a", "b", "k: v\n", "")).isEqualTo("--- a\n+++ b\n@@ -1 +0,0 @@\n-k: v\n");
        assertThat(UnifiedDiff.diff("a", "b", "x\nk: v\n", "x\nk: w\n")).contains("@@ -1,2 +1,2 @@\n x\n-k: v\n+k: w\n");
    }
}
