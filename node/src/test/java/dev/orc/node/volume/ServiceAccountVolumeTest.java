package dev.orc.node.volume;

import dev.orc.api.model.Container;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.VolumeMount;
import dev.orc.node.cluster.PodToken;
import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.pod.ManualClock;
import dev.orc.node.pod.StaticConfigSource;
import dev.orc.node.runtime.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service-account files of pods: written once with a bound token, renewed at 80% of its life, mounted read-only. */
class ServiceAccountVolumeTest {
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final List<String> asked = new ArrayList<>();
    private RuntimeException refusal;

    private PodVolumes volumes() {
        ServiceAccountVolume files = new ServiceAccountVolume((pod, lifetime) -> {
            if (refusal != null) {
                throw refusal;
            }
            asked.add(pod.spec().serviceAccountName() + " " + lifetime);
            return new PodToken("token-" + asked.size(), clock.instant().plus(lifetime));
        }, CA.getBytes(StandardCharsets.UTF_8), clock);
        return new PodVolumes(dataDir, new StaticConfigSource(), MemoryMounts.DIRECTORIES, clock, (ns, claim) -> { },
                Optional.of(files));
    }

    private static Pod pod(Boolean automount, Container container) {
        PodSpec spec = PodSpec.of(container);
        spec = new PodSpec(spec.initContainers(), spec.containers(), spec.volumes(), null, null, null, null, null,
                "builder", null, null, null, null, null, null, null, null, null, null, automount);
        return Pod.of(ObjectMeta.of("ci", "build").withUid("u1"), spec);
    }

    @Test
    void everyContainerGetsTokenCaAndNamespaceReadOnly() throws Exception {
        PodVolumes volumes = volumes();
        Pod pod = pod(null, Container.of("app", "img"));

        Map<String, PreparedVolume> prepared = volumes.prepare(pod);
        List<Mount> mounts = VolumeMounts.of(pod.spec().containers().get(0), prepared);

        Path dir = dataDir.resolve("pods/u1/serviceaccount");
        assertThat(mounts).containsExactly(new Mount.Bind(dir.toString(), ServiceAccountVolume.MOUNT_PATH, true));
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("token-1");
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(CA);
        assertThat(Files.readString(dir.resolve("namespace"))).isEqualTo("ci");
        assertThat(asked).containsExactly("builder PT1H");
    }

    @Test
    void theTokenIsAskedForOnceAndRenewedAtEightyPercentOfItsLife() throws Exception {
        PodVolumes volumes = volumes();
        Pod pod = pod(null, Container.of("app", "img"));
        volumes.prepare(pod);
        volumes.prepare(pod);
        clock.advance(Duration.ofMinutes(47));
        volumes.refresh(pod);
        assertThat(asked).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        volumes.refresh(pod);

        assertThat(asked).hasSize(2);
        assertThat(Files.readString(dataDir.resolve("pods/u1/serviceaccount/token"))).isEqualTo("token-2");
    }

    @Test
    void aPodThatMountsNoTokenGetsNoFiles() {
        Pod pod = pod(false, Container.of("app", "img"));

        assertThat(VolumeMounts.of(pod.spec().containers().get(0), volumes().prepare(pod))).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void aContainerMountingSomethingElseAtThePathKeepsIt() {
        Container own = new Container("app", "img", null, null, null, null, null, null, null,
                List.of(new VolumeMount("mine", ServiceAccountVolume.MOUNT_PATH, null, true, null)), null, null, null,
                null, null, null, null, null);
        Pod pod = pod(null, own);
        Map<String, PreparedVolume> prepared = new java.util.HashMap<>(volumes().prepare(pod));
        prepared.put("mine", new PreparedVolume(dataDir.resolve("mine"), true, false));

        assertThat(VolumeMounts.of(own, prepared)).containsExactly(
                new Mount.Bind(dataDir.resolve("mine").toString(), ServiceAccountVolume.MOUNT_PATH, true));
    }

    @Test
    void aRefusedTokenRequestLeavesTheContainerWaitingWithTheReason() {
        refusal = new IllegalStateException("serviceaccounts \"builder\" not found");

        assertThatThrownBy(() -> volumes().prepare(pod(null, Container.of("app", "img"))))
                .isInstanceOf(ContainerConfigException.class)
                .hasMessage("the token of service account ci/builder: serviceaccounts \"builder\" not found");
    }
}
