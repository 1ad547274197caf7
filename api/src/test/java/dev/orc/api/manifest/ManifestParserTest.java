package dev.orc.api.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestParserTest {

    private static LoadResult parse(String yaml) {
        return ManifestParser.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> messages(LoadResult result) {
        return result.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void readsSeveralDocumentsWithTheirIndexAndTypes() {
        LoadResult result = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: one}
                data: {enabled: "true"}
                ---
                # only a comment
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 3
                  paused: no
                  ratio: 0.5
                  big: 1e3
                """);
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.manifests()).extracting(Manifest::subject)
                .containsExactly("ConfigMap \"one\"", "Deployment \"web\"");
        assertThat(result.manifests().get(1).index()).isEqualTo(3);
        var spec = result.manifests().get(1).object().get("spec");
        assertThat(spec.get("replicas").isIntegralNumber()).isTrue();
        assertThat(spec.get("paused").booleanValue()).isFalse();
        assertThat(spec.get("ratio").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(spec.get("big").longValue()).isEqualTo(1000);
    }

    @Test
    void keepsTheOrderOfKeysAsWritten() {
        LoadResult result = parse("kind: Pod\napiVersion: v1\nmetadata: {name: p, labels: {z: '1', a: '2'}}\n");
        assertThat(result.manifests().get(0).object().toString())
                .isEqualTo("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\",\"labels\":{\"z\":\"1\",\"a\":\"2\"}}}");
    }

    @Test
    void locatesScalarValuesAndCollectionKeys() {
        LoadResult result = parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: three
                  template:
                    spec:
                      containers:
                      - name: web
                        image: nginx
                """);
        SourceMap positions = result.manifests().get(0).positions();
        assertThat(positions.locate("spec.replicas")).isEqualTo(new Position(6, 13));
        assertThat(positions.locate("spec.template")).isEqualTo(new Position(7, 3));
        assertThat(positions.locate("spec.template.spec.containers[0].image")).isEqualTo(new Position(11, 16));
        assertThat(positions.locate("spec.template.spec.containers[0].ports[0].containerPort"))
                .isEqualTo(new Position(10, 9));
    }

    @Test
    void expandsListsAndKeepsItemPositions() {
        LoadResult result = parse("""
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: a}
                - apiVersion: v1
                  kind: Secret
                  metadata:
                    name: b
                """);
        assertThat(result.manifests()).extracting(Manifest::subject).containsExactly("ConfigMap \"a\"", "Secret \"b\"");
        assertThat(result.manifests().get(1).positions().locate("metadata.name")).isEqualTo(new Position(10, 11));
    }

    @Test
    void readsJson() {
        LoadResult result = parse("{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Namespace\",\n  \"metadata\": {\"name\": \"x\"}\n}\n");
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.manifests().get(0).subject()).isEqualTo("Namespace \"x\"");
        assertThat(result.manifests().get(0).positions().locate("metadata.name")).isEqualTo(new Position(4, 24));
    }

    @Test
    void appliesAnchorsMergeKeysAndBlockScalars() {
        LoadResult result = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: conf
                  labels: &labels {app: web}
                  annotations:
                    <<: *labels
                    note: x
                data:
                  script: |
                    echo one
                    echo two
                  folded: >
                    a
                    b
                """);
        var object = result.manifests().get(0).object();
        assertThat(object.at("/metadata/annotations").toString()).isEqualTo("{\"note\":\"x\",\"app\":\"web\"}");
        assertThat(object.at("/data/script").asText()).isEqualTo("echo one\necho two\n");
        assertThat(object.at("/data/folded").asText()).isEqualTo("a b\n");
    }

    @Test
    void anEmptyFileHasNoDocuments() {
        assertThat(parse("")).isEqualTo(new LoadResult(List.of(), List.of()));
        assertThat(parse("# nothing\n---\n")).isEqualTo(new LoadResult(List.of(), List.of()));
    }

    @Test
    void reportsDuplicateKeysWithBothLines() {
        assertThat(messages(parse("apiVersion: v1\nkind: Pod\nkind: Pod\n")))
                .containsExactly("test.yaml:3:1: document 1: duplicate key \"kind\" (first at line 2)");
    }

    @Test
    void reportsSyntaxErrorsWithTheirPlace() {
        assertThat(messages(parse("apiVersion: v1\nkind: [Pod\nmetadata: {}\n")))
                .singleElement().asString().startsWith("test.yaml:3:").contains("document 1: invalid YAML");
    }

    @Test
    void refusesADocumentThatIsNotAnObject() {
        assertThat(messages(parse("- a\n- b\n")))
                .containsExactly("test.yaml:1:1: document 1: expected an object with apiVersion, kind and metadata, got a list");
    }

    @Test
    @Timeout(10)
    void refusesAliasBombsQuickly() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        LoadResult result = parse(yaml.toString());
        assertThat(result.manifests()).isEmpty();
        assertThat(messages(result)).singleElement().asString().contains("alias");
    }

    @Test
    @Timeout(10)
    void refusesSmallerAliasBombsByTheirExpandedSize() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 8; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(8, "*a" + (i - 1)))).append("]\n");
        }
        LoadResult result = parse(yaml.toString());
        assertThat(messages(result)).singleElement().asString().contains("expands to more than");
    }

    @Test
    @Timeout(10)
    void refusesNestingDeeperThanTheLimit() {
        String deep = "a: ".repeat(1) + "[".repeat(150) + "]".repeat(150) + "\n";
        assertThat(messages(parse(deep))).singleElement().asString().contains("nesting deeper than 100 levels");
        String ok = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n}\nx: " + "[".repeat(90) + "]".repeat(90) + "\n";
        assertThat(parse(ok).diagnostics()).isEmpty();
    }

    @Test
    void refusesDocumentsOverThreeMebibytes() {
        String big = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: \"" + "x".repeat(3 * 1024 * 1024 + 10) + "\"\n";
        assertThat(messages(parse(big))).singleElement().asString()
                .startsWith("test.yaml:1:1: document 1: document is larger than 3 MiB");
    }

    @Test
    void refusesBinaryJunk() {
        byte[] junk = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        assertThat(messages(ManifestParser.parse("logo.png.yaml", junk)))
                .containsExactly("logo.png.yaml:1:1: not UTF-8 text (is it a binary file?)");
        assertThat(messages(ManifestParser.parse("nul.yaml", "kind: Pod\n\0\n".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("nul.yaml:2:1: not a text file: it contains a NUL character");
        assertThat(messages(parse("kind: Pod\nx: \u0007\n"))).singleElement().asString()
                .startsWith("test.yaml:2:4: not a text file: unprintable character 0x7");
    }

    @Test
    void keepsSexagesimalLookingValuesAsText() {
        LoadResult result = parse("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\ndata: {port: 8080:80, time: 12:30}\n");
        assertThat(result.manifests().get(0).object().at("/data/port").asText()).isEqualTo("8080:80");
    }
}
