package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.EnvVarSource;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which pods hold their network in an infra container and which in their only container. */
class NetworkHolderTest {

    private static final Container APP = Pods.shell("app", "serve");

    private static PodSpec spec(Pods pod) {
        return pod.build().spec();
    }

    private static Container withEnvFrom(Container c, String name, String fieldPath) {
        return Pods.withEnv(c, new EnvVar(name, null,
                new EnvVarSource(new EnvVarSource.FieldRef("v1", fieldPath), null, null, null)));
    }

    @Test
    void newPodOfOneContainerHoldsItsNetworkInThatContainer() {
        assertThat(NetworkHolder.of(spec(Pods.pod("web").container(APP)), ObservedPod.EMPTY))
                .isEqualTo(NetworkHolder.CONTAINER);
    }

    @Test
    void containersOfAPodShareLocalhostThroughAnInfraContainer() {
        assertThat(NetworkHolder.of(spec(Pods.pod("web").container(APP).container("side", "serve")), ObservedPod.EMPTY))
                .isEqualTo(NetworkHolder.INFRA);
    }

    @Test
    void initContainersSeeTheNetworkTheAppContainerGetsSoTheyNeedAnInfraContainer() {
        assertThat(NetworkHolder.of(spec(Pods.pod("web").init("setup", "setup").container(APP)), ObservedPod.EMPTY))
                .isEqualTo(NetworkHolder.INFRA);
    }

    @Test
    void environmentTakingThePodIPNeedsTheAddressBeforeTheContainerExists() {
        assertThat(NetworkHolder.of(spec(Pods.pod("web").container(withEnvFrom(APP, "POD_IP", "status.podIP"))),
                ObservedPod.EMPTY)).isEqualTo(NetworkHolder.INFRA);
        assertThat(NetworkHolder.of(spec(Pods.pod("web").container(withEnvFrom(APP, "NODE_IP", "status.hostIP"))),
                ObservedPod.EMPTY)).as("the host's address is known beforehand").isEqualTo(NetworkHolder.CONTAINER);
    }

    @Test
    void fieldsOrcIgnoresMakeNoDifference() {
        Pod pod = Pods.pod("web").container(APP).build();
        PodSpec s = pod.spec();
        PodSpec hostNetwork = new PodSpec(s.initContainers(), s.containers(), s.volumes(), s.restartPolicy(),
                s.terminationGracePeriodSeconds(), s.activeDeadlineSeconds(), "ClusterFirstWithHostNet", s.nodeSelector(),
                s.serviceAccountName(), s.nodeName(), true, "custom", "sub", s.affinity(), s.tolerations(),
                s.imagePullSecrets(), s.schedulerName(), s.priorityClassName(), s.securityContext(),
                s.automountServiceAccountToken());

        assertThat(NetworkHolder.of(hostNetwork, ObservedPod.EMPTY)).isEqualTo(NetworkHolder.CONTAINER);
    }

    @Test
    void podRunningInAnInfraContainerKeepsItWhateverItsSpecAllows() {
        PodSpec single = spec(Pods.pod("web").container(APP));

        assertThat(NetworkHolder.of(single, Observed.pod(Observed.infra(0, "172.17.0.2"), Observed.app("app", 0))))
                .isEqualTo(NetworkHolder.INFRA);
        assertThat(NetworkHolder.of(single, Observed.pod(Observed.infra(0, "172.17.0.2").exited(0))))
                .as("an infra container that stopped").isEqualTo(NetworkHolder.INFRA);
        assertThat(NetworkHolder.of(single, Observed.pod(Observed.app("app", 3).exited(1))))
                .as("a container that joined an infra container since removed").isEqualTo(NetworkHolder.INFRA);
    }

    @Test
    void podWhoseContainerHoldsItsOwnNetworkKeepsDoingSo() {
        PodSpec single = spec(Pods.pod("web").container(APP));

        assertThat(NetworkHolder.of(single, Observed.pod(Observed.app("app", 2).ownNetwork("172.17.0.4").exited(1),
                Observed.app("app", 1).ownNetwork("172.17.0.3").exited(1)))).isEqualTo(NetworkHolder.CONTAINER);
    }
}
