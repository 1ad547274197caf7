package dev.orc.node.proxy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IpCommandBinderTest {
    private final List<String> ran = new ArrayList<>();

    @Test
    void withoutADummyInterfaceAddressesGoOnLoopbackAndAreRemovedAgain() {
        IpCommandBinder binder = new IpCommandBinder(command -> {
            ran.add(String.join(" ", command));
            return command.contains("link") ? new CommandRunner.Outcome(2, "Error: Unknown device type.") : new CommandRunner.Outcome(0, "");
        }, "n1");

        assertThat(binder.bind("10.96.0.10")).isTrue();
        binder.unbind("10.96.0.10");

        assertThat(ran).containsSubsequence("ip link add orc0 type dummy", "ip addr add 10.96.0.10/32 dev lo label " + IpCommandBinder.label("lo", "n1"),
                "ip addr del 10.96.0.10/32 dev lo");
    }

    @Test
    void aDummyInterfaceIsUsedWhenTheKernelHasOneAndDeletedOnClose() {
        IpCommandBinder binder = new IpCommandBinder(command -> {
            ran.add(String.join(" ", command));
            return command.contains("show") ? new CommandRunner.Outcome(1, "Device \"orc0\" does not exist.") : new CommandRunner.Outcome(0, "");
        }, "n1");

        assertThat(binder.bind("10.96.0.10")).isTrue();
        binder.close();

        assertThat(ran).containsSubsequence("ip link add orc0 type dummy", "ip link set orc0 up",
                "ip addr add 10.96.0.10/32 dev orc0 label " + IpCommandBinder.label("orc0", "n1"), "ip addr del 10.96.0.10/32 dev orc0", "ip link del orc0");
    }

    @Test
    void withoutPrivilegeItStopsTryingAfterTheFirstRefusal() {
        IpCommandBinder binder = new IpCommandBinder(command -> {
            ran.add(String.join(" ", command));
            return new CommandRunner.Outcome(2, "RTNETLINK answers: Operation not permitted");
        }, "n1");

        assertThat(binder.bind("10.96.0.10")).isFalse();
        int commands = ran.size();
        assertThat(binder.bind("10.96.0.11")).isFalse();

        assertThat(ran).hasSize(commands);
    }

    @Test
    void anAddressAlreadyPresentCountsAsBoundWithThisLabelOrAnother() {
        for (String present : List.of("RTNETLINK answers: File exists", "Error: ipv4: Address already assigned.")) {
            IpCommandBinder binder = new IpCommandBinder(command -> command.contains("add") && command.contains("addr")
                    ? new CommandRunner.Outcome(2, present) : new CommandRunner.Outcome(1, ""), "n1");

            assertThat(binder.bind("10.96.0.10")).as(present).isTrue();
        }
    }

    @Test
    void addressesThisNodesKilledAgentLeftAreRemovedAtStartAndNoOthers() {
        String label = IpCommandBinder.label("lo", "node-with-a-rather-long-name.example");
        IpCommandBinder binder = new IpCommandBinder(command -> {
            ran.add(String.join(" ", command));
            if (command.contains("link")) {
                return new CommandRunner.Outcome(2, "Error: Unknown device type.");
            }
            if (command.contains("show")) {
                return new CommandRunner.Outcome(0, """
                        1: lo    inet 10.96.0.20/32 scope global %1$s\\       valid_lft forever preferred_lft forever
                        1: lo    inet 10.96.0.21/32 scope global %1$s\\       valid_lft forever preferred_lft forever
                        """.formatted(label));
            }
            return new CommandRunner.Outcome(0, "");
        }, "node-with-a-rather-long-name.example");

        assertThat(binder.bind("10.96.0.10")).isTrue();

        assertThat(label).startsWith("lo:").hasSizeLessThanOrEqualTo(15);
        assertThat(ran).containsExactly("ip link show orc0", "ip link add orc0 type dummy",
                "ip -o -4 addr show dev lo label " + label, "ip addr del 10.96.0.20/32 dev lo",
                "ip addr del 10.96.0.21/32 dev lo", "ip addr add 10.96.0.10/32 dev lo label " + label);
    }

    @Test
    void eachNodeHasALabelOfItsOwn() {
        assertThat(IpCommandBinder.label("orc0", "n1")).isNotEqualTo(IpCommandBinder.label("orc0", "n2"))
                .startsWith("orc0:").hasSizeLessThanOrEqualTo(15);
    }
}
