package dev.orc.node.pod;

import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.config.ConfigSource;
import dev.orc.api.model.Container;
import dev.orc.api.model.EnvFromSource;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.EnvVarSource;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodEnvTest {

    private static EnvVar field(String name, String path) {
        return new EnvVar(name, null, new EnvVarSource(new EnvVarSource.FieldRef("v1", path), null, null, null));
    }

    private static EnvVar configMap(String name, String map, String key, Boolean optional) {
        return new EnvVar(name, null, new EnvVarSource(null, null, new EnvVarSource.KeyRef(map, key, optional), null));
    }

    private final Pod pod = Pods.pod("web").namespace("shop").node("n7").build()
            .withMetadata(Pods.pod("web").namespace("shop").build().metadata().withLabel("app", "web"));

    @Test
    void fieldRefsReadThePodAndItsAddresses() {
        Container c = Container.of("app", Pods.IMAGE).withEnv(List.of(field("NAME", "metadata.name"),
                field("NS", "metadata.namespace"), field("NODE", "spec.nodeName"), field("APP", "metadata.labels['app']"),
                field("POD_IP", "status.podIP"), field("HOST_IP", "status.hostIP")));

        Map<String, String> env = new PodEnv(ConfigSource.NONE).resolve(pod.withNodeName("n7"), c, "172.17.0.3", "10.0.0.5", List.of());

        assertThat(env).containsExactly(Map.entry("NAME", "web"), Map.entry("NS", "shop"), Map.entry("NODE", "n7"),
                Map.entry("APP", "web"), Map.entry("POD_IP", "172.17.0.3"), Map.entry("HOST_IP", "10.0.0.5"));
    }

    @Test
    void valuesExpandEarlierVariablesAndDollarDollarEscapes() {
        Container c = Container.of("app", Pods.IMAGE).withEnv(List.of(EnvVar.of("A", "x"), EnvVar.of("B", "$(A)-$(MISSING)-$$(A)")));

        Map<String, String> env = new PodEnv(ConfigSource.NONE).resolve(pod, c, "", "", List.of());

        assertThat(env.get("B")).isEqualTo("x-$(MISSING)-$(A)");
        assertThat(PodEnv.expandAll(List.of("echo $(A)"), env)).containsExactly("echo x");
    }

    private static EnvVar secretKey(String name, String secret, String key, Boolean optional) {
        return new EnvVar(name, null, new EnvVarSource(null, null, null, new EnvVarSource.KeyRef(secret, key, optional)));
    }

    private final StaticConfigSource source = new StaticConfigSource()
            .configMap("shop", "settings", Map.of("mode", "fast", "bad-name!", "x"))
            .secret("shop", "creds", Map.of("password", "s3cret"));

    private Map<String, String> resolve(Container c) {
        return new PodEnv(source).resolve(pod, c, "", "", List.of());
    }

    @Test
    void configMapAndSecretKeysResolveAndOptionalMissingOnesAreSkipped() {
        Container c = Container.of("app", Pods.IMAGE).withEnv(List.of(configMap("MODE", "settings", "mode", null),
                configMap("EXTRA", "settings", "extra", true), configMap("GONE", "missing", "k", true),
                secretKey("PASSWORD", "creds", "password", false), secretKey("TOKEN", "nothing", "t", true)));

        assertThat(resolve(c)).containsExactly(Map.entry("MODE", "fast"), Map.entry("PASSWORD", "s3cret"));
    }

    @Test
    void requiredReferencesThatCannotBeResolvedAreConfigErrorsSayingWhatIsMissing() {
        Map<EnvVar, String> cases = Map.of(
                configMap("A", "missing", "k", null), "configmap \"missing\" not found",
                configMap("B", "settings", "nokey", false), "couldn't find key nokey in ConfigMap shop/settings",
                secretKey("C", "nothing", "k", false), "secret \"nothing\" not found",
                secretKey("D", "creds", "user", null), "couldn't find key user in Secret shop/creds");
        cases.forEach((var, message) -> assertThatThrownBy(() -> resolve(Container.of("app", Pods.IMAGE).withEnv(List.of(var))))
                .isInstanceOf(ContainerConfigException.class).hasMessage(message));
    }

    @Test
    void envFromTakesEveryValidKeyWithItsPrefixAndEnvOverridesIt() {
        Container c = new Container("app", Pods.IMAGE, null, null, null, null, List.of(
                new EnvFromSource("CFG_", new EnvFromSource.Ref("settings", null), null),
                new EnvFromSource(null, null, new EnvFromSource.Ref("creds", false)),
                new EnvFromSource(null, new EnvFromSource.Ref("missing", true), null)),
                List.of(EnvVar.of("password", "overridden")), null, null, null, null, null, null, null, null, null, null);

        assertThat(resolve(c)).containsExactly(Map.entry("CFG_mode", "fast"), Map.entry("password", "overridden"));
    }

    @Test
    void envFromAMissingRequiredSecretIsAConfigError() {
        Container c = new Container("app", Pods.IMAGE, null, null, null, null, List.of(
                new EnvFromSource(null, null, new EnvFromSource.Ref("nothing", null))),
                null, null, null, null, null, null, null, null, null, null, null);

        assertThatThrownBy(() -> resolve(c)).isInstanceOf(ContainerConfigException.class)
                .hasMessage("secret \"nothing\" not found");
    }

    @Test
    void serviceVariablesComeFirstThenEnvFromOverridesThemAndEnvOverridesBothAndMayReferToThem() {
        Container c = new Container("app", Pods.IMAGE, null, null, null, null, List.of(
                new EnvFromSource(null, null, new EnvFromSource.Ref("creds", false))),
                List.of(EnvVar.of("DB_SERVICE_PORT", "6000"), EnvVar.of("URL", "http://$(DB_SERVICE_HOST):$(DB_SERVICE_PORT)")),
                null, null, null, null, null, null, null, null, null, null);
        List<EnvVar> services = List.of(EnvVar.of("DB_SERVICE_HOST", "10.96.0.7"), EnvVar.of("DB_SERVICE_PORT", "5432"),
                EnvVar.of("password", "from-service"));

        Map<String, String> env = new PodEnv(source).resolve(pod, c, "", "", services);

        assertThat(env).containsExactly(Map.entry("DB_SERVICE_HOST", "10.96.0.7"), Map.entry("DB_SERVICE_PORT", "6000"),
                Map.entry("password", "s3cret"), Map.entry("URL", "http://10.96.0.7:6000"));
    }

    @Test
    void unsupportedFieldPathIsAConfigErrorNamingThePath() {
        Container c = Container.of("app", Pods.IMAGE).withEnv(List.of(field("X", "spec.bogus")));
        assertThatThrownBy(() -> new PodEnv(ConfigSource.NONE).resolve(pod, c, "", "", List.of()))
                .isInstanceOf(ContainerConfigException.class).hasMessageContaining("'spec.bogus'");
    }
}
