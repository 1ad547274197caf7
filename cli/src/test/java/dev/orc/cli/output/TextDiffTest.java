package dev.orc.cli.output;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.diff("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
    }

    @Test
    void aChangedLineIsShownWithThreeLinesOfContextInOneHunk() {
        String from = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String to = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";

        assertThat(UnifiedDiff.diff("live", "git", from, to)).isEqualTo("""
                --- live
                +++ git
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void distantChangesMakeSeparateHunksAndACreatedObjectIsAllAdditions() {
        String from = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String to = "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n";

        assertThat(UnifiedDiff.diff("x", "y", from, to)).contains("@@ -1,4 +1,4 @@\n-a\n+A\n", "@@ -7,4 +7,4 @@\n g\n h\n i\n-j\n+J\n");
        assertThat(UnifiedDiff.diff("x", "y", "", "kind: Pod\n")).isEqualTo("--- x\n+++ y\n@@ -0,0 +1 @@\n+kind: Pod\n");
    }
}
