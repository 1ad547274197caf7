package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class CreateCommandTest {

    @TempDir
    Path dir;
    TestCluster cluster;

    @BeforeEach
    void start() {
        cluster = new TestCluster(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void configMapDryRunPrintsTheManifestFromLiteralsFilesAndEnvFilesWithoutCreatingIt() throws IOException {
        Path conf = file("app.conf", "port=8080\n");
        Path env = file("app.env", "# settings\nMODE=fast\n\n  LEVEL=3\n");

        CommandRun run = cluster.orc("create", "configmap", "settings", "--from-literal", "greeting=hello",
                "--from-file", conf.toString(), "--from-file", "renamed=" + conf, "--from-env-file", env.toString(),
                "-o", "yaml", "--dry-run=client");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  greeting: hello
                  app.conf: |
                    port=8080
                  renamed: |
                    port=8080
                  MODE: fast
                  LEVEL: '3'
                """);
        assertThat(cluster.orc("get", "configmap", "settings").exitCode()).isNotZero();
    }

    @Test
    void configMapIsCreatedOnTheServerWithBinaryFilesInBinaryData() throws IOException {
        Path blob = dir.resolve("blob.bin");
        Files.write(blob, new byte[]{(byte) 0xff, 0, 1});

        CommandRun run = cluster.orc("create", "configmap", "mixed", "--from-literal", "a=1", "--from-file", blob.toString());

        assertThat(run.out()).isEqualTo("configmap/mixed created\n");
        ObjectNode stored = cluster.client().get(ResourceTypes.CONFIG_MAP, "default", "mixed");
        assertThat(stored.path("data").path("a").asText()).isEqualTo("1");
        assertThat(stored.path("binaryData").path("blob.bin").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[]{(byte) 0xff, 0, 1}));
    }

    @Test
    void genericSecretIsCreatedBase64EncodedFromADirectory() throws IOException {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Files.writeString(certs.resolve("tls.key"), "KEY");
        Files.writeString(certs.resolve("tls.crt"), "CRT");

        CommandRun run = cluster.orc("create", "secret", "generic", "tls", "-n", "default",
                "--from-file", certs.toString(), "--from-literal", "user=admin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("secret/tls created\n");
        ObjectNode stored = cluster.client().get(ResourceTypes.SECRET, "default", "tls");
        assertThat(stored.path("type").asText()).isEqualTo("Opaque");
        assertThat(decode(stored, "user")).isEqualTo("admin");
        assertThat(decode(stored, "tls.key")).isEqualTo("KEY");
        assertThat(decode(stored, "tls.crt")).isEqualTo("CRT");
    }

    @Test
    void secretDryRunPrintsBase64DataAndNamespace() {
        CommandRun run = cluster.orc("create", "secret", "generic", "db", "-n", "shop", "--from-literal", "password=s3cret",
                "--dry-run", "-o", "yaml");

        assertThat(run.out()).isEqualTo("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                  namespace: shop
                type: Opaque
                data:
                  password: czNjcmV0
                """);
    }

    @Test
    void badInputIsOneLineNamingItWithExitCode2() throws IOException {
        CommandRun duplicate = cluster.orc("create", "configmap", "x", "--from-literal", "a=1", "--from-literal", "a=2");
        CommandRun literal = cluster.orc("create", "configmap", "x", "--from-literal", "novalue");
        Path env = file("bad.env", "GOOD=1\nnot a pair\n");
        CommandRun envFile = cluster.orc("create", "configmap", "x", "--from-env-file", env.toString());

        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.err()).startsWith("cannot add key \"a\", another key by that name already exists");
        assertThat(literal.err()).startsWith("--from-literal: expected KEY=VALUE, got \"novalue\"");
        assertThat(envFile.err()).startsWith("--from-env-file " + env + ":2: expected KEY=VALUE, got \"not a pair\"");
    }

    @Test
    void creatingAnExistingConfigMapFails() {
        assertThat(cluster.orc("create", "cm", "once", "--from-literal", "a=1").exitCode()).isZero();

        CommandRun again = cluster.orc("create", "cm", "once", "--from-literal", "a=1");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void jobFromACronJobRunsItsTemplateNowAsKubectlDoes() {
        ObjectNode cronJob = (ObjectNode) Json.parse("""
                {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"report"},
                 "spec":{"schedule":"@daily","suspend":true,"jobTemplate":{
                   "metadata":{"labels":{"app":"report"},"annotations":{"team":"ops"}},
                   "spec":{"backoffLimit":1,"template":{"spec":{"restartPolicy":"Never",
                     "containers":[{"name":"report","image":"report:1"}]}}}}}}
                """);
        String uid = cluster.client().create(ResourceTypes.CRON_JOB, "default", cronJob, WriteOptions.defaults())
                .at("/metadata/uid").asText();

        CommandRun run = cluster.orc("create", "job", "report-now", "--from=cronjob/report");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("job/report-now created\n");
        ObjectNode job = cluster.client().get(ResourceTypes.JOB, "default", "report-now");
        assertThat(job.at("/metadata/annotations/cronjob.kubernetes.io~1instantiate").asText()).isEqualTo("manual");
        assertThat(job.at("/metadata/annotations/team").asText()).isEqualTo("ops");
        assertThat(job.at("/metadata/labels/app").asText()).isEqualTo("report");
        assertThat(job.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo(uid);
        assertThat(job.at("/metadata/ownerReferences/0/controller").asBoolean()).isTrue();
        assertThat(job.at("/spec/backoffLimit").asInt()).isEqualTo(1);
        assertThat(job.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("report:1");
    }

    @Test
    void jobFromAnImageRunsItsCommandOnce() {
        CommandRun run = cluster.orc("create", "job", "once", "--image=busybox", "-o", "yaml", "--dry-run=client",
                "--", "echo", "hi");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: once
                spec:
                  template:
                    spec:
                      containers:
                      - name: once
                        image: busybox
                        command:
                        - echo
                        - hi
                      restartPolicy: Never
                """);
    }

    @Test
    void jobFromAnythingButACronJobIsRefused() {
        CommandRun deployment = cluster.orc("create", "job", "x", "--from=deployment/web");
        CommandRun neither = cluster.orc("create", "job", "x");
        CommandRun missing = cluster.orc("create", "job", "x", "--from=cj/absent");

        assertThat(deployment.exitCode()).isEqualTo(2);
        assertThat(deployment.err()).startsWith("invalid --from \"deployment/web\": a Job can be created from a CronJob only");
        assertThat(neither.err()).startsWith("give either --from=cronjob/NAME or --image=IMAGE");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("absent").contains("not found");
    }

    private static String decode(ObjectNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }
}
