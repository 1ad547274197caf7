package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidManifestsTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: nginx:1.27
                      ports:
                        - containerPort: 80
                      resources:
                        requests: {cpu: 250m, memory: 64Mi}
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              type: NodePort
              selector: {app: web}
              ports:
                - name: http
                  port: 80
                  targetPort: 8080
                  nodePort: 30080
            """;
    private static final String GIT_SOURCE = """
            apiVersion: orc.dev/v1
            kind: GitSource
            metadata:
              name: shop
            spec:
              url: https://git.example.com/shop.git
              ref: {branch: main}
              interval: 1m
            """;

    private final ManifestValidator validator = ManifestValidator.standard();

    private static Manifests.Editable deployment() {
        return Manifests.one(DEPLOYMENT);
    }

    private List<Problem> validate(Manifests.Editable document) {
        return validator.validate(document.node());
    }

    @Test
    void theBaseDocumentsAreValid() {
        assertThat(validate(deployment())).isEmpty();
        assertThat(validate(Manifests.one(SERVICE))).isEmpty();
        assertThat(validate(Manifests.one(GIT_SOURCE))).isEmpty();
    }

    @Test
    void misspeltKindIsUnknownWithASuggestion() {
        assertThat(validate(deployment().set("/kind", "Deploymnet"))).containsExactly(Problem.error("kind",
                "unknown kind \"Deploymnet\" in apiVersion \"apps/v1\" (did you mean \"Deployment\" in apps/v1?)"));
    }

    @Test
    void kindUnderAnOldApiVersionNamesTheOneToUse() {
        assertThat(validate(deployment().set("/apiVersion", "extensions/v1beta1"))).containsExactly(Problem.error(
                "apiVersion", "unknown kind \"Deployment\" in apiVersion \"extensions/v1beta1\" (use apps/v1)"));
    }

    @Test
    void kindOrcDoesNotServeListsWhatItServes() {
        List<Problem> problems = validate(deployment().set("/apiVersion", "networking.k8s.io/v1").set("/kind", "NetworkPolicy"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("kind");
            assertThat(problem.message()).startsWith("unknown kind \"NetworkPolicy\" in apiVersion \"networking.k8s.io/v1\" (orc serves v1 Namespace, v1 Pod,");
        });
    }

    @Test
    void missingApiVersionAndKindAreBothReported() {
        assertThat(validate(deployment().remove("/apiVersion").remove("/kind"))).containsExactly(
                Problem.error("", "required field missing: \"apiVersion\""),
                Problem.error("", "required field missing: \"kind\""));
    }

    @Test
    void documentThatIsNotAnObjectIsRefused() {
        assertThat(validator.validate(Json.parse("[1, 2]"))).containsExactly(Problem.error("",
                "a manifest must be an object with apiVersion, kind and metadata, got a list"));
    }

    @Test
    void unknownFieldSuggestsTheFieldItResembles() {
        List<Problem> problems = validate(deployment().rename("/spec/template/spec/containers/0/ports/0/containerPort", "containerport"));

        assertThat(problems).contains(Problem.error("spec.template.spec.containers[0].ports[0].containerport",
                "unknown field \"containerport\" (did you mean \"containerPort\"?)"));
    }

    @Test
    void unknownFieldWithNothingCloseHasNoSuggestion() {
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/colour", "blue"))).containsExactly(
                Problem.error("spec.template.spec.containers[0].colour", "unknown field \"colour\""));
    }

    @Test
    void misspeltTopLevelFieldSuggestsTheRightOne() {
        assertThat(validate(deployment().rename("/spec", "spce"))).containsExactly(
                Problem.error("", "required field missing: \"spec\""),
                Problem.error("spce", "unknown field \"spce\" (did you mean \"spec\"?)"));
    }

    @Test
    void misspeltMetadataFieldSuggestsTheRightOne() {
        assertThat(validate(deployment().rename("/metadata/labels", "lables"))).containsExactly(
                Problem.error("metadata.lables", "unknown field \"lables\" (did you mean \"labels\"?)"));
    }

    @Test
    void podWithoutContainersAndGitSourceWithEmptyUrl() {
        assertThat(validate(deployment().set("/spec/template/spec/containers", List.of()))).containsExactly(
                Problem.error("spec.template.spec.containers", "must not be empty"));
        assertThat(validator.validate(Manifests.one(GIT_SOURCE).set("/spec/url", "").node())).containsExactly(
                Problem.error("spec.url", "must not be empty"));
    }

    @Test
    void wrongTypeQuotesTheValue() {
        assertThat(validate(deployment().set("/spec/replicas", "three"))).containsExactly(
                Problem.error("spec.replicas", "expected integer, got string \"three\""));
    }

    @Test
    void wrongTypeOfAnObjectFieldSaysWhatItGot() {
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/command", "nginx -g daemon off"))).containsExactly(
                Problem.error("spec.template.spec.containers[0].command", "expected array, got string \"nginx -g daemon off\""));
    }

    @Test
    void labelValueThatIsNotAStringIsAnError() {
        assertThat(validate(deployment().set("/metadata/labels/version", 1.5))).containsExactly(
                Problem.error("metadata.labels.version", "expected string, got number 1.5"));
    }

    @Test
    void missingRequiredFieldIsReportedOnItsObject() {
        assertThat(validate(deployment().remove("/spec/template/spec/containers/0/image"))).containsExactly(
                Problem.error("spec.template.spec.containers[0]", "required field missing: \"image\""));
    }

    @Test
    void missingNameIsReportedUnlessGenerateNameIsSet() {
        assertThat(validate(deployment().remove("/metadata/name"))).containsExactly(
                Problem.error("metadata", "required field missing: \"name\""));
        assertThat(validate(deployment().remove("/metadata/name").set("/metadata/generateName", "web-"))).isEmpty();
    }

    @Test
    void objectNameMustBeADnsSubdomain() {
        assertThat(validate(deployment().set("/metadata/name", "Web_1"))).containsExactly(Problem.error("metadata.name",
                "invalid value \"Web_1\": must be a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)"));
        assertThat(validate(deployment().set("/metadata/name", "web.v2"))).isEmpty();
    }

    @Test
    void serviceAndNamespaceNamesMustBeDnsLabels() {
        String label = "must be a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)";
        assertThat(validator.validate(Manifests.one(SERVICE).set("/metadata/name", "web.v2").node())).containsExactly(
                Problem.error("metadata.name", "invalid value \"web.v2\": " + label));
        JsonNode namespace = Manifests.one("{apiVersion: v1, kind: Namespace, metadata: {name: Shop}}").node();
        assertThat(validator.validate(namespace)).containsExactly(Problem.error("metadata.name", "invalid value \"Shop\": " + label));
    }

    @Test
    void nameLongerThanALabelAllowsIsRefused() {
        String tooLong = "a".repeat(64);
        assertThat(validator.validate(Manifests.one(SERVICE).set("/metadata/name", tooLong).node()))
                .extracting(Problem::path).containsExactly("metadata.name");
    }

    @Test
    void containerNameMustBeADnsLabel() {
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/name", "Web Server"))).containsExactly(
                Problem.error("spec.template.spec.containers[0].name",
                        "invalid value \"Web Server\": must be a DNS-1123 label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)"));
    }

    @Test
    void labelKeysAndValuesMustBeQualifiedNames() {
        List<Problem> problems = validate(deployment()
                .set("/metadata/labels/-bad", "x")
                .set("/metadata/labels/app.kubernetes.io~1name", "web server"));

        assertThat(problems).containsExactly(
                Problem.error("metadata.labels", "invalid key \"-bad\": must be a qualified name: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"),
                Problem.error("metadata.labels[app.kubernetes.io/name]", "invalid value \"web server\": must be empty or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"));
    }

    @Test
    void containerPortOutOfRange() {
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/ports/0/containerPort", 70000))).containsExactly(
                Problem.error("spec.template.spec.containers[0].ports[0].containerPort", "must be between 1 and 65535, got 70000"));
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/ports/0/containerPort", 0))).containsExactly(
                Problem.error("spec.template.spec.containers[0].ports[0].containerPort", "must be between 1 and 65535, got 0"));
    }

    @Test
    void nodePortOutsideTheNodePortRange() {
        assertThat(validator.validate(Manifests.one(SERVICE).set("/spec/ports/0/nodePort", 8080).node())).containsExactly(
                Problem.error("spec.ports[0].nodePort", "must be between 30000 and 32767, got 8080"));
    }

    @Test
    void nodePortOnAClusterIpService() {
        assertThat(validator.validate(Manifests.one(SERVICE).set("/spec/type", "ClusterIP").node())).containsExactly(
                Problem.error("spec.ports[0].nodePort", "only allowed when spec.type is NodePort or LoadBalancer, not ClusterIP"));
    }

    @Test
    void negativeReplicas() {
        assertThat(validate(deployment().set("/spec/replicas", -1))).containsExactly(
                Problem.error("spec.replicas", "must be greater than or equal to 0, got -1"));
    }

    @Test
    void selectorThatDoesNotMatchTheTemplateLabels() {
        assertThat(validate(deployment().set("/spec/template/metadata/labels", Map.of("app", "api")))).containsExactly(
                Problem.error("spec.selector", "does not match spec.template.metadata.labels"));
    }

    @Test
    void selectorExpressionsAreMatchedToo() {
        List<Problem> problems = validate(deployment().set("/spec/selector", Map.of("matchExpressions",
                List.of(Map.of("key", "app", "operator", "NotIn", "values", List.of("web"))))));

        assertThat(problems).containsExactly(Problem.error("spec.selector", "does not match spec.template.metadata.labels"));
    }

    @Test
    void emptySelectorOfADeploymentIsRefused() {
        assertThat(validate(deployment().set("/spec/selector", Map.of()))).containsExactly(Problem.error("spec.selector",
                "must not be empty: select the pods by labels of spec.template.metadata.labels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ReplicaSet", "DaemonSet"})
    void otherWorkloadsCheckTheirSelectorToo(String kind) {
        Manifests.Editable workload = deployment().set("/kind", kind).remove("/spec/strategy")
                .set("/spec/template/metadata/labels", Map.of("app", "api"));
        if (kind.equals("DaemonSet")) {
            workload.remove("/spec/replicas");
        }

        assertThat(validate(workload)).containsExactly(Problem.error("spec.selector", "does not match spec.template.metadata.labels"));
    }

    @Test
    void jobSelectorIsCheckedAndItsPodsMustNotRestartAlways() {
        JsonNode job = Manifests.one("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  manualSelector: true
                  selector: {matchLabels: {job: once}}
                  template:
                    metadata: {labels: {job: other}}
                    spec:
                      restartPolicy: Always
                      containers: [{name: main, image: busybox}]
                """).node();

        assertThat(validator.validate(job)).containsExactly(
                Problem.error("spec.template.spec.restartPolicy", "unsupported value \"Always\": a Job's pods must have restartPolicy OnFailure or Never"),
                Problem.error("spec.selector", "does not match spec.template.metadata.labels"));
    }

    @Test
    void deploymentPodsMustRestartAlways() {
        assertThat(validate(deployment().set("/spec/template/spec/restartPolicy", "Never"))).containsExactly(
                Problem.error("spec.template.spec.restartPolicy", "unsupported value \"Never\": pods of a Deployment, ReplicaSet or DaemonSet must have restartPolicy Always"));
        assertThat(validate(deployment().set("/spec/template/spec/restartPolicy", "Sometimes"))).containsExactly(
                Problem.error("spec.template.spec.restartPolicy", "unsupported value \"Sometimes\": must be one of \"Always\", \"OnFailure\", \"Never\""));
    }

    @Test
    void targetPortAndProbePortTakeANumberOrAName() {
        assertThat(validator.validate(Manifests.one(SERVICE).set("/spec/ports/0/targetPort", "http").node())).isEmpty();
        assertThat(validator.validate(Manifests.one(SERVICE).set("/spec/ports/0/targetPort", "Not A Port").node())).containsExactly(
                Problem.error("spec.ports[0].targetPort", "invalid value \"Not A Port\": must be a port number (1-65535) or a port name (at most 15 lowercase letters, digits and '-', with at least one letter)"));
        assertThat(validator.validate(Manifests.one(SERVICE).set("/spec/ports/0/targetPort", true).node())).containsExactly(
                Problem.error("spec.ports[0].targetPort", "expected integer or string, got boolean true"));
    }

    @Test
    void maxSurgeAndMaxUnavailableTakeAnIntegerOrAPercentage() {
        assertThat(validate(deployment().set("/spec/strategy/rollingUpdate/maxSurge", "50%"))).isEmpty();
        assertThat(validate(deployment().set("/spec/strategy/rollingUpdate/maxSurge", "half"))).containsExactly(
                Problem.error("spec.strategy.rollingUpdate.maxSurge", "invalid value \"half\": must be a non-negative integer or a percentage such as 25%"));
        assertThat(validate(deployment().set("/spec/strategy/rollingUpdate/maxUnavailable", -1))).containsExactly(
                Problem.error("spec.strategy.rollingUpdate.maxUnavailable", "must be greater than or equal to 0, got -1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"250m", "0.5", "1", "64Mi", "1Gi", "1e3", "2E6", "500M", "+1.5k", ".5"})
    void kubernetesQuantitiesAreAccepted(String quantity) {
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/resources/limits", Map.of("memory", quantity)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2x", "64MB", "1 Gi", "m", "1.2.3", ""})
    void malformedQuantitiesAreRefused(String quantity) {
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/resources/requests/cpu", quantity))).containsExactly(
                Problem.error("spec.template.spec.containers[0].resources.requests.cpu",
                        "invalid value " + Values.quote(quantity) + ": must be a Kubernetes quantity such as 250m, 0.5, 64Mi, 1Gi or 1e3"));
    }

    @Test
    void plainNumbersAreQuantities() {
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/resources/requests/cpu", 2))).isEmpty();
    }

    @Test
    void unsupportedEnumValueListsTheAllowedOnes() {
        assertThat(validate(deployment().set("/spec/strategy/type", "BlueGreen"))).containsExactly(
                Problem.error("spec.strategy.type", "unsupported value \"BlueGreen\": must be one of \"RollingUpdate\", \"Recreate\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"30s", "1m", "1h30m", "1500ms", "2h"})
    void gitSourceIntervalTakesADuration(String interval) {
        assertThat(validator.validate(Manifests.one(GIT_SOURCE).set("/spec/interval", interval).node())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 minute", "60", "1d", "m"})
    void gitSourceIntervalThatIsNotADuration(String interval) {
        assertThat(validator.validate(Manifests.one(GIT_SOURCE).set("/spec/interval", interval).node())).containsExactly(
                Problem.error("spec.interval", "invalid value " + Values.quote(interval) + ": must be a duration such as 30s, 1m or 1h30m"));
    }

    @Test
    void gitSourceNeedsAUrlAndAtMostOneRef() {
        assertThat(validator.validate(Manifests.one(GIT_SOURCE).remove("/spec/url").node())).containsExactly(
                Problem.error("spec", "required field missing: \"url\""));
        assertThat(validator.validate(Manifests.one(GIT_SOURCE).set("/spec/ref/tag", "v1.0").node())).containsExactly(
                Problem.error("spec.ref", "set at most one of branch, tag and commit, not branch and tag"));
        assertThat(validator.validate(Manifests.one(GIT_SOURCE).set("/spec/ref/revision", "main").node())).containsExactly(
                Problem.error("spec.ref.revision", "unknown field \"revision\""));
    }

    @Test
    void externalNameServiceNeedsItsExternalName() {
        JsonNode service = Manifests.one("{apiVersion: v1, kind: Service, metadata: {name: db}, spec: {type: ExternalName}}").node();

        assertThat(validator.validate(service)).containsExactly(Problem.error("spec",
                "required field missing: \"externalName\" (a Service of type ExternalName names the host it aliases)"));
    }

    @Test
    void serviceWithSeveralPortsMustNameEach() {
        JsonNode service = Manifests.one(SERVICE).set("/spec/ports/-", Map.of("port", 443)).node();

        assertThat(validator.validate(service)).containsExactly(Problem.error("spec.ports[1]",
                "required field missing: \"name\" (every port of a Service with several ports needs a name)"));
    }

    @Test
    void documentWithSeveralErrorsReportsAllOfThem() {
        List<Problem> problems = validate(deployment()
                .set("/metadata/name", "Web")
                .set("/spec/replicas", "three")
                .rename("/spec/template/spec/containers/0/ports/0/containerPort", "containerport")
                .remove("/spec/template/spec/containers/0/image")
                .set("/spec/template/spec/containers/0/resources/requests/memory", "lots")
                .set("/spec/template/metadata/labels/app", "api"));

        assertThat(problems).containsExactlyInAnyOrder(
                Problem.error("metadata.name", "invalid value \"Web\": must be a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)"),
                Problem.error("spec.replicas", "expected integer, got string \"three\""),
                Problem.error("spec.template.spec.containers[0]", "required field missing: \"image\""),
                Problem.error("spec.template.spec.containers[0].ports[0]", "required field missing: \"containerPort\""),
                Problem.error("spec.template.spec.containers[0].ports[0].containerport", "unknown field \"containerport\" (did you mean \"containerPort\"?)"),
                Problem.error("spec.template.spec.containers[0].resources.requests.memory", "invalid value \"lots\": must be a Kubernetes quantity such as 250m, 0.5, 64Mi, 1Gi or 1e3"),
                Problem.error("spec.selector", "does not match spec.template.metadata.labels"));
    }

    @Test
    void nullFieldsCountAsUnsetButAStillMissingRequiredFieldIsReported() {
        assertThat(validate(deployment().set("/metadata/annotations", null))).isEmpty();
        assertThat(validate(deployment().set("/spec/template/spec/containers/0/image", null))).containsExactly(
                Problem.error("spec.template.spec.containers[0]", "required field missing: \"image\""));
    }
}
