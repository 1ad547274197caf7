package dev.orc.node.pod;

import dev.orc.api.model.Condition;
import dev.orc.api.model.Container;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.EnvVarSource;
import dev.orc.api.model.ContainerStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodHostPorts;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.PodStatus;
import dev.orc.node.runtime.ContainerSummary;
import dev.orc.node.runtime.fake.FakeProgram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodWorkerTest {

    private final PodHarness h = new PodHarness();

    @AfterEach
    void closeHarness() {
        h.close();
    }

    private String uid(Pod pod) {
        return pod.metadata().uid();
    }

    @Test
    void podOfSeveralContainersRunsInItsInfraContainersNetworkAndReportsRunningAndReady() {
        Pod pod = h.add(Pods.pod("web").container(Pods.withPort(Pods.shell("app", "serve"), 8080, null))
                .container("side", "serve").build());
        PodWorker worker = h.freshWorker(pod);

        h.settle(worker, uid(pod));

        PodStatus status = h.status(uid(pod));
        assertThat(status.phase()).isEqualTo(PodStatus.RUNNING);
        assertThat(status.hostIP()).isEqualTo(PodHarness.HOST_IP);
        assertThat(status.podIP()).isNotBlank();
        assertThat(status.startTime()).isEqualTo("2024-05-01T12:00:00Z");
        assertThat(status.conditions()).extracting(Condition::type, Condition::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PodStatus.POD_SCHEDULED, "True"),
                org.assertj.core.groups.Tuple.tuple(PodStatus.INITIALIZED, "True"),
                org.assertj.core.groups.Tuple.tuple(PodStatus.CONTAINERS_READY, "True"),
                org.assertj.core.groups.Tuple.tuple(PodStatus.READY, "True"));
        ContainerStatus app = h.container(uid(pod), "app");
        assertThat(app.state().running()).isNotNull();
        assertThat(app.ready()).isTrue();
        assertThat(app.started()).isTrue();
        assertThat(app.restartCount()).isZero();
        assertThat(app.image()).isEqualTo(Pods.IMAGE);
        assertThat(app.containerID()).startsWith("docker://");
        assertThat(h.containers(uid(pod))).extracting(c -> c.labels().get(PodLabels.ROLE))
                .containsExactlyInAnyOrder("infra", "app", "app");
        assertThat(h.runtime.spec(PodLabels.containerName(pod, PodLabels.INFRA_NAME, 0)).hostname()).isEqualTo("web");
        List<PodHostPorts.Entry> ports = PodHostPorts.of(h.api.pod(uid(pod)).orElseThrow());
        assertThat(ports).singleElement().satisfies(e -> {
            assertThat(e.container()).isEqualTo("app");
            assertThat(e.containerPort()).isEqualTo(8080);
            assertThat(e.hostPort()).isPositive();
        });
    }

    @Test
    void podOfOneContainerRunsItAloneHoldingThePodsNetworkAndReportsReadyInOneSync() {
        Pod pod = h.add(Pods.pod("web").container(Pods.withPort(Pods.shell("app", "serve"), 8080, null)).build());
        PodWorker worker = h.freshWorker(pod);

        worker.sync(pod);

        assertThat(h.containers(uid(pod))).singleElement().satisfies(c -> {
            assertThat(c.labels()).containsEntry(PodLabels.ROLE, "app").containsEntry(PodLabels.CONTAINER_NAME, "app");
            assertThat(c.state()).isEqualTo(dev.orc.node.runtime.ContainerState.RUNNING);
        });
        dev.orc.node.runtime.ContainerInfo app = h.runtime.inspect(PodLabels.containerName(pod, "app", 0));
        assertThat(app.networkMode().joinsContainer()).isFalse();
        assertThat(h.runtime.spec(app.id()).hostname()).isEqualTo("web");
        PodStatus status = h.status(uid(pod));
        assertThat(status.podIP()).isNotBlank().isEqualTo(app.ipAddress());
        assertThat(status.condition(PodStatus.READY).orElseThrow().status()).isEqualTo("True");
        assertThat(PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP"))
                .isEqualTo(app.hostPort(8080, dev.orc.node.runtime.PortMapping.Protocol.TCP));
        assertThat(h.infraImageChecks).hasValue(0);
    }

    @Test
    void restartedContainerOfAPodWithoutInfraGetsItsHostPortBackAndThePodIPFollowsIt() {
        Pod pod = h.add(Pods.pod("web").container(Pods.withPort(Pods.shell("app", "serve"), 8080, null)).build());
        PodWorker worker = h.freshWorker(pod);
        h.settle(worker, uid(pod));
        int hostPort = PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP").orElseThrow();

        h.runtime.exit(PodLabels.containerName(pod, "app", 0), 1);
        h.settle(worker, uid(pod));
        dev.orc.node.runtime.ContainerInfo first = h.runtime.inspect(PodLabels.containerName(pod, "app", 1));
        assertThat(first.hostPort(8080, dev.orc.node.runtime.PortMapping.Protocol.TCP)).contains(hostPort);
        assertThat(h.status(uid(pod)).podIP()).isEqualTo(first.ipAddress());

        h.runtime.exit(first.id(), 1);
        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").state().waiting().reason()).isEqualTo("CrashLoopBackOff");
        assertThat(h.status(uid(pod)).podIP()).as("kept while no container runs").isEqualTo(first.ipAddress());

        h.clock.advance(Duration.ofSeconds(10));
        h.settle(worker, uid(pod));
        dev.orc.node.runtime.ContainerInfo second = h.runtime.inspect(PodLabels.containerName(pod, "app", 2));
        assertThat(second.running()).isTrue();
        assertThat(second.hostPort(8080, dev.orc.node.runtime.PortMapping.Protocol.TCP)).contains(hostPort);
        assertThat(PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP")).contains(hostPort);
        assertThat(h.status(uid(pod)).podIP()).isEqualTo(second.ipAddress()).isNotEqualTo(first.ipAddress());
        assertThat(h.container(uid(pod), "app").restartCount()).isEqualTo(2);
        assertThat(h.container(uid(pod), "app").lastState().terminated().exitCode()).isEqualTo(1);
    }

    @Test
    void restartedContainerWhoseRecordedHostPortIsTakenOnTheHostNowMovesToAnAllocatedPortWithoutBackOff()
            throws Exception {
        h.script("serve", dev.orc.node.runtime.fake.FakeProgram.runsForever().serving(8080, "web"));
        Pod pod = h.add(Pods.pod("web").container(Pods.withPort(Pods.shell("app", "serve"), 8080, null)).build());
        PodWorker worker = h.freshWorker(pod);
        h.settle(worker, uid(pod));
        int hostPort = PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP").orElseThrow();
        h.runtime.exit(PodLabels.containerName(pod, "app", 0), 1);

        try (java.net.ServerSocket taken = takenWhenReleased(hostPort)) {
            h.settle(worker, uid(pod));

            dev.orc.node.runtime.ContainerInfo restarted = h.runtime.inspect(PodLabels.containerName(pod, "app", 1));
            assertThat(restarted.running()).isTrue();
            int moved = restarted.hostPort(8080, dev.orc.node.runtime.PortMapping.Protocol.TCP).orElseThrow();
            assertThat(moved).isNotEqualTo(hostPort);
            assertThat(PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP")).contains(moved);
            assertThat(h.container(uid(pod), "app").restartCount()).isEqualTo(1);
            assertThat(h.container(uid(pod), "app").ready()).isTrue();
        }
    }

    @Test
    void newInfraContainerWhoseRecordedHostPortIsTakenOnTheHostNowMovesToAnAllocatedPort() throws Exception {
        h.script("serve", dev.orc.node.runtime.fake.FakeProgram.runsForever().serving(8080, "web"));
        Pod pod = h.add(Pods.pod("web").container(Pods.withPort(Pods.shell("app", "serve"), 8080, null))
                .container("side", "idle").build());
        PodWorker worker = h.freshWorker(pod);
        h.settle(worker, uid(pod));
        int hostPort = PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP").orElseThrow();
        h.runtime.exit(PodLabels.containerName(pod, "app", 0), 137);
        h.runtime.exit(PodLabels.containerName(pod, PodLabels.INFRA_NAME, 0), 137);

        try (java.net.ServerSocket taken = takenWhenReleased(hostPort)) {
            h.settle(worker, uid(pod));

            dev.orc.node.runtime.ContainerInfo infra = h.runtime.inspect(
                    PodLabels.containerName(pod, PodLabels.INFRA_NAME, 1));
            assertThat(infra.running()).isTrue();
            int moved = infra.hostPort(8080, dev.orc.node.runtime.PortMapping.Protocol.TCP).orElseThrow();
            assertThat(moved).isNotEqualTo(hostPort);
            assertThat(PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP")).contains(moved);
            assertThat(h.status(uid(pod)).condition(PodStatus.READY).orElseThrow().status()).isEqualTo("True");
            assertThat(h.containers(uid(pod))).filteredOn(c -> c.state() == dev.orc.node.runtime.ContainerState.RUNNING)
                    .filteredOn(c -> "app".equals(c.labels().get(PodLabels.ROLE)))
                    .extracting(c -> h.runtime.spec(c.id()).networkMode().joinedContainer())
                    .containsExactly(infra.id(), infra.id());
        }
    }

    /** Listens on {@code port} once the exited container's server gave it up (its accept thread closes it soon after). */
    private static java.net.ServerSocket takenWhenReleased(int port) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .ignoreExceptions()
                .until(() -> new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress()), s -> true);
    }

    @Test
    void restartRightAfterTheFirstStartAsksForTheHostPortThisWorkerRecordedBeforeThePodCarriesIt() {
        Pod pod = h.add(Pods.pod("web").container(Pods.withPort(Pods.shell("app", "serve"), 8080, null)).build());
        PodWorker worker = h.freshWorker(pod);
        worker.sync(pod);
        int hostPort = PodHostPorts.hostPort(h.api.pod(uid(pod)).orElseThrow(), "8080", "TCP").orElseThrow();

        h.runtime.exit(PodLabels.containerName(pod, "app", 0), 1);
        worker.sync(pod);

        assertThat(h.runtime.spec(PodLabels.containerName(pod, "app", 1)).ports())
                .extracting(dev.orc.node.runtime.PortMapping::hostPort).containsExactly(hostPort);
    }

    @Test
    void podStartedWithAnInfraContainerByAnOlderAgentKeepsItAndRestartsItsContainerInsideIt() {
        Pod pod = h.add(Pods.pod("web").container(Pods.withPort(Pods.shell("app", "serve"), 8080, null)).build());
        ContainerSpecs older = new ContainerSpecs(PodHarness.NODE, new PodEnv(h.config), PodNetworking.NONE);
        dev.orc.node.runtime.ImageBuilder.ensure(h.runtime,
                dev.orc.node.runtime.ImageBuilder.pauseImage(dev.orc.node.runtime.ImageBuilder.DEFAULT_BUSYBOX));
        String infra = h.runtime.create(older.infra(pod, 0));
        h.runtime.start(infra);
        String app = h.runtime.create(older.container(pod, pod.spec().containers().getFirst(), ContainerRole.APP, 0,
                infra, "", PodHarness.HOST_IP, java.util.Map.of()));
        h.runtime.start(app);
        PodWorker adopting = h.freshWorker(pod);

        h.settle(adopting, uid(pod));
        assertThat(h.containers(uid(pod))).extracting(ContainerSummary::id).containsExactlyInAnyOrder(infra, app);
        assertThat(h.status(uid(pod)).podIP()).isEqualTo(h.runtime.inspect(infra).ipAddress());

        h.runtime.exit(app, 1);
        h.settle(adopting, uid(pod));
        assertThat(h.runtime.spec(PodLabels.containerName(pod, "app", 1)).networkMode().joinedContainer())
                .isEqualTo(infra);
        assertThat(h.container(uid(pod), "app").state().running()).isNotNull();
    }

    @Test
    void aContainerCreatedButNeverStartedByAnAgentThatStoppedIsStartedNotReportedSucceeded() {
        Pod pod = h.add(Pods.pod("job").container(Pods.shell("app", "serve")).restartPolicy("Never").build());
        ContainerSpecs older = new ContainerSpecs(PodHarness.NODE, new PodEnv(h.config), PodNetworking.NONE);
        dev.orc.node.runtime.ImageBuilder.ensure(h.runtime,
                dev.orc.node.runtime.ImageBuilder.pauseImage(dev.orc.node.runtime.ImageBuilder.DEFAULT_BUSYBOX));
        String infra = h.runtime.create(older.infra(pod, 0));
        h.runtime.start(infra);
        h.runtime.create(older.container(pod, pod.spec().containers().getFirst(), ContainerRole.APP, 0, infra, "",
                PodHarness.HOST_IP, java.util.Map.of()));

        h.settle(h.freshWorker(pod), uid(pod));

        assertThat(h.container(uid(pod), "app").state().running()).isNotNull();
        assertThat(h.container(uid(pod), "app").restartCount()).isZero();
        assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.RUNNING);
    }

    @Test
    void newPodStartsItsInfraAndAppContainersInOneSyncAndReportsReadyInOneWrite() {
        Pod pod = h.add(Pods.pod("web").container("app", "serve").container("side", "serve").build());
        PodWorker worker = h.freshWorker(pod);

        worker.sync(pod);

        assertThat(h.containers(uid(pod))).allMatch(c -> c.state() == dev.orc.node.runtime.ContainerState.RUNNING)
                .extracting(c -> c.labels().get(PodLabels.CONTAINER_NAME))
                .containsExactlyInAnyOrder(PodLabels.INFRA_NAME, "app", "side");
        assertThat(h.api.writes()).hasSize(1);
        assertThat(h.status(uid(pod)).condition(PodStatus.READY).orElseThrow().status()).isEqualTo("True");
    }

    @Test
    void containerAskingForThePodIPGetsTheAddressOfItsNewInfraContainer() {
        Container app = Pods.withEnv(Pods.shell("app", "serve"), new EnvVar("POD_IP", null,
                new EnvVarSource(new EnvVarSource.FieldRef("v1", "status.podIP"), null, null, null)));
        Pod pod = h.add(Pods.pod("web").container(app).build());

        h.freshWorker(pod).sync(pod);

        assertThat(h.runtime.spec(PodLabels.containerName(pod, "app", 0)).env())
                .containsEntry("POD_IP", h.status(uid(pod)).podIP());
        assertThat(h.status(uid(pod)).podIP()).isNotBlank();
    }

    @Test
    void infraContainerThatCannotStartLeavesNoContainerOfThePodBehindAndReportsContainerCreating() {
        Pod first = h.add(Pods.pod("first").container(Pods.withPort(Pods.shell("app", "serve"), 80, 30080)).build());
        h.settle(h.freshWorker(first), uid(first));
        Pod second = h.add(Pods.pod("second").container(Pods.withPort(Pods.shell("app", "serve"), 80, 30080))
                .container("side", "serve").build());

        h.freshWorker(second).sync(second);

        assertThat(h.containers(uid(second))).isEmpty();
        assertThat(h.container(uid(second), "app").state().waiting().reason()).isEqualTo("ContainerCreating");
        assertThat(h.container(uid(second), "app").state().waiting().message()).contains("already allocated");
    }

    @Test
    void containerHoldingItsOwnNetworkThatCannotGetItsHostPortIsRestartedUnderBackOff() {
        Pod first = h.add(Pods.pod("first").container(Pods.withPort(Pods.shell("app", "serve"), 80, 30080)).build());
        h.settle(h.freshWorker(first), uid(first));
        Pod second = h.add(Pods.pod("second").container(Pods.withPort(Pods.shell("app", "serve"), 80, 30080)).build());
        PodWorker worker = h.freshWorker(second);

        worker.sync(second);
        assertThat(h.container(uid(second), "app").state().waiting().reason()).isEqualTo("RunContainerError");
        assertThat(h.container(uid(second), "app").state().waiting().message()).contains("already allocated");
        assertThat(h.status(uid(second)).ready()).isFalse();

        h.settle(worker, uid(second));
        assertThat(h.container(uid(second), "app").restartCount()).isEqualTo(1);
        h.settle(worker, uid(second));
        assertThat(h.container(uid(second), "app").state().waiting().reason()).isEqualTo("CrashLoopBackOff");
        h.api.put(first.withMetadata(first.metadata().withDeletion("2024-05-01T12:00:00Z", 0L)));
        h.settle(h.freshWorker(first), uid(first));
        h.clock.advance(Duration.ofSeconds(10));
        h.settle(worker, uid(second));
        assertThat(h.container(uid(second), "app").state().running()).isNotNull();
    }

    @Test
    void newPodWithInitContainersStartsOnlyItsInfraAndFirstInitContainerInItsFirstSync() {
        Pod pod = h.add(Pods.pod("web").init("first", "first").init("second", "second").container("app", "serve").build());
        PodWorker worker = h.freshWorker(pod);

        worker.sync(pod);

        assertThat(h.containers(uid(pod))).extracting(c -> c.labels().get(PodLabels.CONTAINER_NAME))
                .containsExactlyInAnyOrder(PodLabels.INFRA_NAME, "first");
    }

    @Test
    void infraImageIsLookedForOnlyWhenItIsMissingNotForEveryPod() {
        for (String name : List.of("a", "b", "c")) {
            Pod pod = h.add(Pods.pod(name).container("app", "serve").container("side", "serve").build());
            h.settle(h.freshWorker(pod), uid(pod));
            assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.RUNNING);
        }

        assertThat(h.infraImageChecks).hasValue(1);
    }

    @Test
    void steadyStateWritesNothingAndStartsNothing() {
        Pod pod = h.add(Pods.pod("web").container("app", "serve").build());
        PodWorker worker = h.freshWorker(pod);
        h.settle(worker, uid(pod));
        List<String> ids = h.containers(uid(pod)).stream().map(ContainerSummary::id).toList();
        h.api.clearWrites();

        h.clock.advance(Duration.ofSeconds(5));
        PodWorker.Result result = h.settle(worker, uid(pod));

        assertThat(h.api.writes()).isEmpty();
        assertThat(h.containers(uid(pod))).extracting(ContainerSummary::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(result.wakeAt()).isEmpty();
    }

    @Test
    void initContainersRunOneAfterAnotherToSuccessBeforeTheAppContainers() {
        Pod pod = h.add(Pods.pod("web").init("first", "first").init("second", "second").container("app", "serve").build());
        PodWorker worker = h.freshWorker(pod);

        h.settle(worker, uid(pod));
        assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.PENDING);
        assertThat(h.status(uid(pod)).condition(PodStatus.INITIALIZED).orElseThrow().message())
                .isEqualTo("containers with incomplete status: [first second]");
        assertThat(h.container(uid(pod), "first").state().running()).isNotNull();
        assertThat(h.container(uid(pod), "second").state().waiting().reason()).isEqualTo("PodInitializing");
        assertThat(h.container(uid(pod), "app").state().waiting().reason()).isEqualTo("PodInitializing");

        h.runtime.exit(PodLabels.containerName(pod, "first", 0), 0);
        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "first").state().terminated().reason()).isEqualTo("Completed");
        assertThat(h.container(uid(pod), "first").ready()).isTrue();
        assertThat(h.container(uid(pod), "second").state().running()).isNotNull();
        assertThat(h.container(uid(pod), "app").state().waiting()).isNotNull();

        h.runtime.exit(PodLabels.containerName(pod, "second", 0), 0);
        h.settle(worker, uid(pod));
        assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.RUNNING);
        assertThat(h.status(uid(pod)).condition(PodStatus.INITIALIZED).orElseThrow().status()).isEqualTo("True");
        assertThat(h.container(uid(pod), "app").state().running()).isNotNull();
    }

    @Test
    void failingInitContainerWithRestartPolicyNeverFailsThePodWithoutStartingApps() {
        h.script("fail", FakeProgram.exits(3));
        Pod pod = h.add(Pods.pod("web").restartPolicy(PodSpec.RESTART_NEVER).init("setup", "fail").container("app", "serve").build());
        PodWorker worker = h.freshWorker(pod);

        h.settle(worker, uid(pod));

        assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.FAILED);
        assertThat(h.container(uid(pod), "setup").state().terminated().exitCode()).isEqualTo(3);
        assertThat(h.containers(uid(pod))).noneMatch(c -> "app".equals(c.labels().get(PodLabels.CONTAINER_NAME)));
    }

    @Test
    void crashingContainerRestartsAtOnceThenAfter10sThen20sShowingCrashLoopBackOff() {
        h.script("crash", FakeProgram.exits(1));
        Pod pod = h.add(Pods.pod("web").container("app", "crash").build());
        PodWorker worker = h.freshWorker(pod);

        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").restartCount()).isEqualTo(1);
        ContainerStatus waiting = h.container(uid(pod), "app");
        assertThat(waiting.state().waiting().reason()).isEqualTo("CrashLoopBackOff");
        assertThat(waiting.state().waiting().message()).startsWith("back-off 10s restarting failed container=app pod=web_default(");
        assertThat(waiting.lastState().terminated().exitCode()).isEqualTo(1);
        assertThat(waiting.lastState().terminated().reason()).isEqualTo("Error");
        assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.RUNNING);

        h.clock.advance(Duration.ofSeconds(9));
        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").restartCount()).isEqualTo(1);

        h.clock.advance(Duration.ofSeconds(1));
        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").restartCount()).isEqualTo(2);
        assertThat(h.container(uid(pod), "app").state().waiting().message()).startsWith("back-off 20s");

        h.clock.advance(Duration.ofSeconds(19));
        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").restartCount()).isEqualTo(2);
        h.clock.advance(Duration.ofSeconds(1));
        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").restartCount()).isEqualTo(3);
        assertThat(h.container(uid(pod), "app").state().waiting().message()).startsWith("back-off 40s");
        assertThat(h.containers(uid(pod))).as("the current and the previous attempt only").hasSize(2);
    }

    @Test
    void adoptedPodKeepsItsContainersAndRestartCountAfterAnAgentRestart() {
        h.script("crash-once", FakeProgram.exits(1));
        Pod pod = h.add(Pods.pod("web").container("app", "serve").build());
        h.settle(h.freshWorker(pod), uid(pod));
        List<String> ids = h.containers(uid(pod)).stream().map(ContainerSummary::id).toList();
        h.api.clearWrites();

        PodWorker restarted = h.freshWorker(pod);
        h.settle(restarted, uid(pod));

        assertThat(h.containers(uid(pod))).extracting(ContainerSummary::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(h.container(uid(pod), "app").restartCount()).isZero();
        assertThat(h.api.writes()).isEmpty();
    }

    @Test
    void containersOfAPodThatNoLongerExistsAreStoppedAndRemoved() {
        Pod pod = h.add(Pods.pod("web").container("app", "serve").build());
        h.settle(h.freshWorker(pod), uid(pod));
        h.api.remove(uid(pod));

        PodWorker.Result result = h.settle(h.freshWorker(pod), uid(pod));

        assertThat(result.finished()).isTrue();
        assertThat(h.containers(uid(pod))).isEmpty();
    }

    @Test
    void deletedPodIsStoppedRemovedAndThenDeletedWithGraceZero() {
        Pod pod = h.add(Pods.pod("web").grace(5).container("app", "serve").build());
        h.settle(h.freshWorker(pod), uid(pod));
        h.api.put(pod.withMetadata(pod.metadata().withDeletion("2024-05-01T12:00:00Z", 5L)));

        PodWorker.Result result = h.settle(h.freshWorker(pod), uid(pod));

        assertThat(result.finished()).isTrue();
        assertThat(h.containers(uid(pod))).isEmpty();
        assertThat(h.api.pod(uid(pod))).isEmpty();
        assertThat(h.api.writes()).contains("delete default/web");
    }

    @Test
    void missingImageShowsErrImagePullThenImagePullBackOff() {
        Pod pod = h.add(Pods.pod("web").container(Pods.shell("app", "x").withImage("registry.invalid/none:1")).build());
        PodWorker worker = h.freshWorker(pod);

        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").state().waiting().reason()).isEqualTo("ErrImagePull");
        assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.PENDING);

        h.clock.advance(Duration.ofSeconds(1));
        h.settle(worker, uid(pod));
        assertThat(h.container(uid(pod), "app").state().waiting().reason()).isEqualTo("ImagePullBackOff");
        assertThat(h.container(uid(pod), "app").state().waiting().message())
                .isEqualTo("Back-off pulling image \"registry.invalid/none:1\"");
    }

    @Test
    void missingImageIsPulledWhenItsCreateFailsAndTheContainerThenRuns() {
        h.runtime.reachableRegistry("registry.test").publishImage("registry.test/app:1");
        Pod pod = h.add(Pods.pod("web").container(Pods.shell("app", "serve").withImage("registry.test/app:1")).build());

        h.settle(h.freshWorker(pod), uid(pod));

        assertThat(h.container(uid(pod), "app").state().running()).isNotNull();
    }

    @Test
    void pullPolicyAlwaysPullsBeforeCreatingEvenAnImageThatIsThere() {
        h.runtime.addImage("registry.test/app:1");
        Pod always = h.add(Pods.pod("always").container(Pods.withPullPolicy(
                Pods.shell("app", "serve").withImage("registry.test/app:1"), Container.PULL_ALWAYS)).build());
        Pod present = h.add(Pods.pod("present").container(Pods.shell("app", "serve").withImage("registry.test/app:1"))
                .build());

        h.settle(h.freshWorker(always), uid(always));
        h.settle(h.freshWorker(present), uid(present));

        assertThat(h.container(uid(always), "app").state().waiting().reason()).isEqualTo("ErrImagePull");
        assertThat(h.container(uid(always), "app").state().waiting().message()).contains("no such host");
        assertThat(h.containers(uid(always))).isEmpty();
        assertThat(h.container(uid(present), "app").state().running()).isNotNull();
    }

    @Test
    void podThatStartedHasNothingMoreToDoAtOnceButOneWhoseContainerExitedRightAwayIsLookedAtAgain() {
        h.script("crash", FakeProgram.exits(1));
        Pod started = h.add(Pods.pod("started").container("app", "serve").build());
        Pod crashed = h.add(Pods.pod("crashed").container("app", "crash").build());

        assertThat(h.freshWorker(started).sync(started).wakeAt()).isEmpty();
        assertThat(h.freshWorker(crashed).sync(crashed).wakeAt()).contains(h.clock.instant());
    }

    @Test
    void memoryLimitExceededIsReportedAsOOMKilled() {
        h.script("hog", FakeProgram.runsForever().allocating(64L * 1024 * 1024));
        Pod pod = h.add(Pods.pod("web").restartPolicy(PodSpec.RESTART_NEVER)
                .container(Pods.withMemoryLimit(Pods.shell("app", "hog"), "16Mi")).build());

        h.settle(h.freshWorker(pod), uid(pod));

        assertThat(h.container(uid(pod), "app").state().terminated().reason()).isEqualTo("OOMKilled");
        assertThat(h.status(uid(pod)).phase()).isEqualTo(PodStatus.FAILED);
    }

    @Test
    void missingConfigMapLeavesTheContainerWaitingWithCreateContainerConfigErrorUntilItAppears() {
        Pod pod = h.add(Pods.pod("web").container(Pods.withEnv(Pods.shell("app", "serve"),
                new dev.orc.api.model.EnvVar("A", null, new dev.orc.api.model.EnvVarSource(null, null,
                        new dev.orc.api.model.EnvVarSource.KeyRef("settings", "a", null), null)))).build());

        h.settle(h.freshWorker(pod), uid(pod));

        assertThat(h.container(uid(pod), "app").state().waiting().reason()).isEqualTo("CreateContainerConfigError");
        assertThat(h.container(uid(pod), "app").state().waiting().message())
                .isEqualTo("configmap \"settings\" not found");

        h.api.put(dev.orc.api.model.ConfigMap.of(dev.orc.api.model.ObjectMeta.of("default", "settings"),
                java.util.Map.of("a", "1")));
        h.clock.advance(Duration.ofSeconds(2));
        h.settle(h.freshWorker(pod), uid(pod));

        assertThat(h.container(uid(pod), "app").state().running()).isNotNull();
    }

    @Test
    void aContainerIsCreatedWithItsSecurityMergedFromThePodsAndItsOwn() {
        Pod built = Pods.pod("web").container(Pods.shell("app", "serve").withSecurityContext(
                new dev.orc.api.model.SecurityContext(null, 3000L, null, true, false, null,
                        new dev.orc.api.model.Capabilities(null, List.of("ALL")), null))).build();
        Pod pod = h.add(built.withSpec(built.spec().withSecurityContext(new dev.orc.api.model.PodSecurityContext(
                1000L, 1000L, true, 2000L, null, null))));

        h.settle(h.freshWorker(pod), uid(pod));

        assertThat(h.container(uid(pod), "app").state().running()).isNotNull();
        assertThat(h.runtime.spec(PodLabels.containerName(pod, "app", 0)).security()).isEqualTo(
                new dev.orc.node.runtime.Security("1000:3000", List.of(2000L), true, true, List.of(), List.of("ALL"),
                        false, false));
    }

    @Test
    void runAsNonRootWithAnImageRunningAsRootWaitsWithCreateContainerConfigErrorAndCreatesNothing() {
        Pod pod = h.add(Pods.pod("web").container(Pods.shell("app", "serve").withSecurityContext(
                new dev.orc.api.model.SecurityContext(null, null, true, null, null, null, null, null))).build());

        h.settle(h.freshWorker(pod), uid(pod));

        ContainerStatus app = h.container(uid(pod), "app");
        assertThat(app.state().waiting().reason()).isEqualTo("CreateContainerConfigError");
        assertThat(app.state().waiting().message()).isEqualTo("container has runAsNonRoot and image will run as root "
                + "(pod: \"web_default(" + uid(pod) + ")\", container: app)");
        assertThat(h.containers(uid(pod))).extracting(c -> c.labels().get(PodLabels.CONTAINER_NAME)).doesNotContain("app");
    }
}
