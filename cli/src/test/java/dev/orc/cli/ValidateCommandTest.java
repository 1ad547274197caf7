package dev.orc.cli;

import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    private static final Path BROKEN = Path.of("src/test/resources/broken");
    private static final Path EXAMPLES = Path.of("../examples");

    private static String file(String name) {
        return BROKEN.resolve(name).toString();
    }

    @Test
    void theBundledExamplesAreValid() {
        CommandRun run = CommandRun.of("validate", "-f", EXAMPLES.toString());
        assertThat(run.out()).isEqualTo("10 documents valid\n");
        assertThat(run.exitCode()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong-type.yaml        | 6:13: Deployment "web": spec.replicas: expected integer, got string "three"
            unknown-field.yaml     | 10:11: Pod "p": spec.containers[0].ports[0]: required field missing: "containerPort"
            unknown-field.yaml     | 10:26: Pod "p": spec.containers[0].ports[0].containerport: unknown field "containerport" (did you mean "containerPort"?)
            missing-required.yaml  | 7:7: Pod "p": spec.containers[0]: required field missing: "image"
            bad-name.yaml          | 4:9: ConfigMap "My_Config": metadata.name: invalid value "My_Config": must be a DNS-1123 subdomain
            port-range.yaml        | 7:13: Service "s": spec.ports[0].port: must be between 1 and 65535, got 70000
            negative-replicas.yaml | 6:13: ReplicaSet "rs": spec.replicas: must be greater than or equal to 0, got -1
            selector-mismatch.yaml | 6:3: DaemonSet "agent": spec.selector: does not match spec.template.metadata.labels
            unknown-kind.yaml      | 2:7: Deploymnet "x": kind: unknown kind "Deploymnet" in apiVersion "apps/v1" (did you mean "Deployment" in apps/v1?)
            duplicate-key.yaml     | 5:3: document 1: duplicate key "name" (first at line 4)
            several.yaml           | 9:9: Secret "Bad_Secret": metadata.name: invalid value "Bad_Secret"
            several.yaml           | 11:12: Secret "Bad_Secret": immutable: expected boolean, got string "yes"
            """)
    void brokenManifestsNameFileLineAndField(String name, String expected) {
        CommandRun run = CommandRun.of("validate", "-f", file(name));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(file(name) + ":" + expected);
    }

    @Test
    void aDocumentWithSeveralErrorsReportsAllOfThem() {
        CommandRun run = CommandRun.of("validate", "-f", file("several.yaml"));
        assertThat(run.out().lines().filter(line -> line.contains("Bad_Secret"))).hasSize(2);
        assertThat(run.out()).endsWith("2 errors, 0 warnings in 2 documents\n");
    }

    @Test
    void anEmptyFileIsNoDocuments() {
        CommandRun run = CommandRun.of("validate", "-f", file("empty.yaml"));
        assertThat(run.out()).isEqualTo("0 documents valid\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void jsonOutputCarriesEveryDiagnostic() {
        CommandRun run = CommandRun.of("validate", "-o", "json", "-f", file("wrong-type.yaml"));
        var report = Json.parse(run.out());
        assertThat(report.get("valid").booleanValue()).isFalse();
        assertThat(report.at("/diagnostics/0/line").intValue()).isEqualTo(6);
        assertThat(report.at("/diagnostics/0/field").asText()).isEqualTo("spec.replicas");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CommandRun.of("validate").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("validate", "-f", "x", "-o", "xml").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("no-such-command").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingFileIsAnError() {
        CommandRun run = CommandRun.of("validate", "-f", "does-not-exist.yaml");
        assertThat(run.out()).startsWith("does-not-exist.yaml:1:1: no such file or directory");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void helpListsTheCommandsAndCompletionIsAScript() {
        assertThat(CommandRun.of("--help").out()).contains("validate", "version", "completion");
        CommandRun completion = CommandRun.of("completion", "bash");
        assertThat(completion.out()).contains("complete -F");
        assertThat(CommandRun.of("completion", "fish").exitCode()).isEqualTo(2);
    }
}
