package dev.orc.node.pod;

import dev.orc.api.model.Capabilities;
import dev.orc.api.model.Container;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSecurityContext;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.SeccompProfile;
import dev.orc.api.model.SecurityContext;
import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.runtime.Security;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerSecurityTest {

    private static final SecurityContext NONE = SecurityContext.NONE;

    private static Pod pod(PodSecurityContext podContext, SecurityContext containerContext) {
        return Pod.of(ObjectMeta.of("shop", "web").withUid("u1"),
                PodSpec.of(Container.of("app", "img").withSecurityContext(containerContext))
                        .withSecurityContext(podContext));
    }

    private static ContainerSecurity of(PodSecurityContext podContext, SecurityContext containerContext) {
        Pod pod = pod(podContext, containerContext);
        return ContainerSecurity.of(pod, pod.spec().containers().getFirst());
    }

    private static SecurityContext runAs(Long user, Long group, Boolean nonRoot) {
        return new SecurityContext(user, group, nonRoot, null, null, null, null, null);
    }

    @Test
    void nothingSetIsTheRuntimesDefault() {
        Pod pod = Pod.of(ObjectMeta.of("shop", "web").withUid("u1"), PodSpec.of(Container.of("app", "img")));
        ContainerSecurity security = ContainerSecurity.of(pod, pod.spec().containers().getFirst());

        assertThat(security.needsImageUser()).isFalse();
        assertThat(security.runtime("")).isEqualTo(Security.DEFAULT);
    }

    @Test
    void theContainersUserGroupNonRootAndSeccompOverrideThePods() {
        ContainerSecurity security = of(
                new PodSecurityContext(1000L, 1000L, false, null, null, SeccompProfile.of(SeccompProfile.RUNTIME_DEFAULT)),
                new SecurityContext(2000L, 3000L, true, null, null, null, null, SeccompProfile.of(SeccompProfile.UNCONFINED)));

        assertThat(security.runtime("")).isEqualTo(new Security("2000:3000", List.of(), false, false, List.of(),
                List.of(), true, false));
    }

    @Test
    void thePodsSettingsHoldWhereTheContainerSaysNothing() {
        ContainerSecurity security = of(new PodSecurityContext(1000L, 1000L, true, null, null,
                SeccompProfile.of(SeccompProfile.UNCONFINED)), NONE);

        assertThat(security.runtime("")).isEqualTo(new Security("1000:1000", List.of(), false, false, List.of(),
                List.of(), true, false));
    }

    @Test
    void supplementalGroupsAndFsGroupAreAddedOnce() {
        ContainerSecurity security = of(new PodSecurityContext(1000L, null, null, 2000L, List.of(3000L, 2000L), null), NONE);

        assertThat(security.runtime("").groupAdd()).containsExactly(3000L, 2000L);
        assertThat(security.runtime("").user()).isEqualTo("1000");
    }

    @Test
    void theContainersOwnSettingsAreCarriedThrough() {
        ContainerSecurity security = of(PodSecurityContext.NONE, new SecurityContext(null, null, null, true, false,
                true, new Capabilities(List.of("NET_BIND_SERVICE"), List.of("ALL")), null));

        assertThat(security.runtime("")).isEqualTo(new Security("", List.of(), true, true, List.of("NET_BIND_SERVICE"),
                List.of("ALL"), false, true));
    }

    @Test
    void allowPrivilegeEscalationLeftOutAllowsItAsKubernetesDoes() {
        assertThat(of(PodSecurityContext.NONE, NONE).runtime("").noNewPrivileges()).isFalse();
    }

    @Test
    void aGroupWithoutAUserKeepsTheImagesUser() {
        ContainerSecurity security = of(PodSecurityContext.NONE, runAs(null, 3000L, null));

        assertThat(security.needsImageUser()).isTrue();
        assertThat(security.runtime("1000:1000").user()).isEqualTo("1000:3000");
        assertThat(security.runtime("").user()).isEqualTo("0:3000");
    }

    @Test
    void runAsNonRootWithANonRootUserRuns() {
        assertThat(of(PodSecurityContext.NONE, runAs(1000L, null, true)).needsImageUser()).isFalse();
        assertThat(of(PodSecurityContext.NONE, runAs(1000L, null, true)).runtime("").user()).isEqualTo("1000");
        assertThat(of(PodSecurityContext.NONE, runAs(null, null, true)).runtime("65534:65534").user()).isEmpty();
    }

    @Test
    void runAsNonRootRefusesAnImageRunningAsRootInTheKubeletsWords() {
        ContainerSecurity security = of(new PodSecurityContext(null, null, true, null, null, null), NONE);

        assertThat(security.needsImageUser()).isTrue();
        for (String rootUser : List.of("", "0", "0:0")) {
            assertThatThrownBy(() -> security.runtime(rootUser)).isInstanceOf(ContainerConfigException.class)
                    .hasMessage("container has runAsNonRoot and image will run as root (pod: \"web_shop(u1)\", container: app)");
        }
    }

    @Test
    void runAsNonRootCannotVerifyANamedImageUser() {
        ContainerSecurity security = of(PodSecurityContext.NONE, runAs(null, null, true));

        assertThatThrownBy(() -> security.runtime("nobody")).isInstanceOf(ContainerConfigException.class)
                .hasMessage("container has runAsNonRoot and image has non-numeric user (nobody), cannot verify user is "
                        + "non-root (pod: \"web_shop(u1)\", container: app)");
    }

    @Test
    void runAsNonRootRefusesRunAsUserZero() {
        ContainerSecurity security = of(new PodSecurityContext(0L, null, null, null, null, null), runAs(null, null, true));

        assertThatThrownBy(() -> security.runtime("")).isInstanceOf(ContainerConfigException.class)
                .hasMessage("container's runAsUser breaks non-root policy (pod: \"web_shop(u1)\", container: app)");
    }

    @Test
    void theContainerMayLiftThePodsRunAsNonRoot() {
        assertThat(of(new PodSecurityContext(null, null, true, null, null, null), runAs(null, null, false))
                .runtime("").user()).isEmpty();
    }
}
