package dev.orc.api.manifest;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser turns any input into manifests or diagnostics: it never throws. */
class ManifestParserFuzzTest {
    private static final String SEED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: &l {app: web}
            spec:
              replicas: 3
              selector: {matchLabels: *l}
              template:
                metadata: {labels: *l}
                spec:
                  containers:
                  - name: web
                    image: "nginx:1.27"
                    ports: [{containerPort: 80}]
                    args: ["--a", '--b', >-
                      folded]
            ---
            {"apiVersion": "v1", "kind": "List", "items": [{"kind": "Pod"}]}
            """;

    @Property(tries = 400)
    void mutatedManifestsNeverThrow(@ForAll("mutations") String text) {
        LoadResult result = ManifestParser.parse("fuzz.yaml", text.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isNotNull();
        result.diagnostics().forEach(d -> assertThat(d.position().line()).isPositive());
    }

    @Property(tries = 300)
    void randomBytesNeverThrow(@ForAll byte[] bytes) {
        assertThat(ManifestParser.parse("fuzz.bin", bytes)).isNotNull();
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, SEED.length() - 1);
        Arbitrary<String> insert = Arbitraries.of(":", "-", "[", "]", "{", "}", "&a", "*a", "<<: ", "\n", "  ", "\t",
                "'", "\"", "|", ">", "#", "---\n", "!!binary ", "? ", ",", "%YAML 1.1\n", "\\u0000");
        return Arbitraries.integers().between(1, 6).flatMap(count ->
                position.list().ofSize(count).flatMap(positions ->
                        insert.list().ofSize(count).map(inserts -> {
                            StringBuilder text = new StringBuilder(SEED);
                            for (int i = 0; i < count; i++) {
                                int at = Math.min(positions.get(i), text.length());
                                if (i % 2 == 0) {
                                    text.insert(at, inserts.get(i));
                                } else {
                                    text.delete(at, Math.min(text.length(), at + inserts.get(i).length()));
                                }
                            }
                            return text.toString();
                        })));
    }
}
