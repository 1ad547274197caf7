package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.EnvVarSource;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @Test
    void configMapKeysComeFromTheConfigSourceAndOptionalOnesMaySkip() {
        ConfigSource source = new ConfigSource() {
            @Override
            public Optional<String> configMapKey(String namespace, String name, String key) {
                return namespace.equals("shop") && name.equals("settings") && key.equals("mode")
                        ? Optional.of("fast") : Optional.empty();
            }

            @Override
            public Optional<String> secretKey(String namespace, String name, String key) {
                return Optional.empty();
            }
        };
        Container c = Container.of("app", Pods.IMAGE).withEnv(List.of(configMap("MODE", "settings", "mode", null),
                configMap("EXTRA", "settings", "extra", true)));

        assertThat(new PodEnv(source).resolve(pod, c, "", "", List.of())).containsExactly(Map.entry("MODE", "fast"));
    }

    @Test
    void unsupportedFieldPathIsAConfigErrorNamingThePath() {
        Container c = Container.of("app", Pods.IMAGE).withEnv(List.of(field("X", "spec.bogus")));
        assertThatThrownBy(() -> new PodEnv(ConfigSource.NONE).resolve(pod, c, "", "", List.of()))
                .isInstanceOf(ContainerConfigException.class).hasMessageContaining("'spec.bogus'");
    }
}
