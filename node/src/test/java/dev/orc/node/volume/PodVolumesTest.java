package dev.orc.node.volume;

import dev.orc.node.config.ContainerConfigException;
import dev.orc.api.model.Container;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodSecurityContext;
import dev.orc.api.model.PodSpec;
import dev.orc.api.model.Quantity;
import dev.orc.api.model.Volume;
import dev.orc.api.model.VolumeMount;
import dev.orc.node.pod.ManualClock;
import dev.orc.node.pod.StaticConfigSource;
import dev.orc.node.runtime.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodVolumesTest {

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2024-05-01T12:00:00Z"));
    private final StaticConfigSource config = new StaticConfigSource()
            .configMap("shop", "settings", Map.of("mode", "fast", "level", "3"))
            .secret("shop", "creds", Map.of("password", "s3cret"))
            .claim("shop", "db", "uid-db-1");
    private final List<String> memoryMounts = new ArrayList<>();
    private final List<String> claims = new ArrayList<>();
    private final MemoryMounts memory = new MemoryMounts() {
        @Override
        public void mount(Path dir, long sizeBytes) {
            memoryMounts.add(dataDir.relativize(dir) + " " + sizeBytes);
        }

        @Override
        public void unmountAll(Path root) {
            memoryMounts.add("unmount " + dataDir.relativize(root));
        }
    };

    private PodVolumes volumes() {
        return new PodVolumes(dataDir, config, memory, clock, (ns, claim) -> claims.add(ns + "/" + claim));
    }

    private static Pod pod(String uid, Volume... volumes) {
        return Pod.of(ObjectMeta.of("shop", "web").withUid(uid), PodSpec.of(Container.of("app", "img"))
                .withVolumes(List.of(volumes)));
    }

    private static Volume configMap(String name, String map, List<Volume.KeyToPath> items, Integer mode, Boolean optional) {
        return new Volume(name, null, null, new Volume.ConfigMapSource(map, items, mode, optional), null, null);
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void configMapVolumeHoldsEveryKeyAsAFileLinkedThroughData() throws IOException {
        Path dir = volumes().prepare(pod("u1", configMap("cfg", "settings", null, 0640, null))).get("cfg").hostPath();

        assertThat(read(dir.resolve("mode"))).isEqualTo("fast");
        assertThat(read(dir.resolve("level"))).isEqualTo("3");
        assertThat(mode(dir.resolve("mode"))).isEqualTo("rw-r-----");
        assertThat(Files.readSymbolicLink(dir.resolve("mode"))).isEqualTo(Path.of("..data", "mode"));
        assertThat(Files.isSymbolicLink(dir.resolve("..data"))).isTrue();
        assertThat(dir).isEqualTo(dataDir.resolve("pods/u1/volumes/cfg"));
    }

    @Test
    void itemsChooseKeysTheirPathsAndModes() throws IOException {
        Volume volume = configMap("cfg", "settings", List.of(new Volume.KeyToPath("mode", "conf/app-mode", 0600)), null, null);

        Path dir = volumes().prepare(pod("u1", volume)).get("cfg").hostPath();

        assertThat(read(dir.resolve("conf/app-mode"))).isEqualTo("fast");
        assertThat(mode(dir.resolve("conf/app-mode"))).isEqualTo("rw-------");
        assertThat(dir.resolve("level")).doesNotExist();
    }

    @Test
    void missingSourcesAndKeysAreConfigErrorsUnlessOptional() {
        Map<Volume, String> failures = Map.of(
                configMap("a", "missing", null, null, null), "configmap \"missing\" not found",
                configMap("b", "settings", List.of(new Volume.KeyToPath("nokey", "x", null)), null, false),
                "volume b: configmap references non-existent key: nokey",
                configMap("c", "settings", List.of(new Volume.KeyToPath("mode", "../escape", null)), null, null),
                "volume c: path \"../escape\" must be relative and must not contain '..'",
                new Volume("d", null, null, null, new Volume.SecretSource("nothing", null, null, null), null),
                "secret \"nothing\" not found");
        failures.forEach((volume, message) -> assertThatThrownBy(() -> volumes().prepare(pod("u1", volume)))
                .isInstanceOf(ContainerConfigException.class).hasMessage(message));

        Path optional = volumes().prepare(pod("u2", configMap("e", "missing", null, null, true))).get("e").hostPath();
        assertThat(optional).isDirectory();
    }

    @Test
    void secretVolumeIsMountedInMemoryBeforeItsFilesAreWritten() throws IOException {
        Volume volume = new Volume("creds", null, null, null, new Volume.SecretSource("creds", null, 0400, null), null);

        PreparedVolume prepared = volumes().prepare(pod("u1", volume)).get("creds");

        assertThat(memoryMounts).containsExactly("pods/u1/volumes/creds 0");
        assertThat(read(prepared.hostPath().resolve("password"))).isEqualTo("s3cret");
        assertThat(mode(prepared.hostPath().resolve("password"))).isEqualTo("r--------");
        assertThat(prepared.readOnly()).isTrue();
    }

    @Test
    void refreshSwapsChangedFilesInPlaceButASubPathKeepsWhatItHad() throws IOException {
        PodVolumes volumes = volumes();
        Pod pod = pod("u1", configMap("cfg", "settings", null, null, null));
        Map<String, PreparedVolume> prepared = volumes.prepare(pod);
        Path dir = prepared.get("cfg").hostPath();
        Container container = new Container("app", "img", null, null, null, null, null, null, null,
                List.of(new VolumeMount("cfg", "/etc/mode", "mode", null, null)), null, null, null, null, null, null, null, null);
        Mount.Bind subPath = (Mount.Bind) VolumeMounts.of(container, prepared).getFirst();

        config.configMap("shop", "settings", Map.of("mode", "slow"));
        clock.advance(Duration.ofSeconds(1));
        volumes.refresh(pod);

        assertThat(read(dir.resolve("mode"))).isEqualTo("slow");
        assertThat(dir.resolve("level")).doesNotExist();
        assertThat(Path.of(subPath.hostPath())).doesNotExist();
        try (var entries = Files.list(dir)) {
            assertThat(entries.filter(p -> p.getFileName().toString().startsWith("..2")).count())
                    .as("the old timestamped directory is gone").isEqualTo(1);
        }
    }

    @Test
    void emptyDirIsAWritableDirectoryOrAMemoryMountOfItsSizeLimit() throws IOException {
        Volume disk = Volume.emptyDir("scratch");
        Volume ram = new Volume("cache", new Volume.EmptyDir("Memory", Quantity.parse("64Mi")), null, null, null, null);

        Map<String, PreparedVolume> prepared = volumes().prepare(pod("u1", disk, ram));

        assertThat(mode(prepared.get("scratch").hostPath())).isEqualTo("rwxrwxrwx");
        assertThat(memoryMounts).containsExactly("pods/u1/volumes/cache 67108864");
        assertThat(prepared.get("scratch").readOnly()).isFalse();
    }

    @Test
    void hostPathTypesAreCheckedAndTheOrCreateTypesCreate() throws IOException {
        Path file = Files.createFile(dataDir.resolve("file"));
        Map<String, Boolean> cases = Map.of(
                "Directory:" + dataDir, true,
                "Directory:" + file, false,
                "File:" + file, true,
                "File:" + dataDir.resolve("nothing"), false,
                "Socket:" + file, false,
                ":" + dataDir.resolve("anything"), true,
                "DirectoryOrCreate:" + dataDir.resolve("made/dir"), true,
                "FileOrCreate:" + dataDir.resolve("made/file"), true);
        cases.forEach((c, ok) -> {
            String type = c.substring(0, c.indexOf(':'));
            Volume volume = new Volume("host", null, new Volume.HostPath(c.substring(c.indexOf(':') + 1), type),
                    null, null, null);
            if (ok) {
                volumes().prepare(pod("u1", volume));
            } else {
                assertThatThrownBy(() -> volumes().prepare(pod("u1", volume)), c)
                        .isInstanceOf(ContainerConfigException.class).hasMessageContaining("hostPath");
            }
        });
        assertThat(dataDir.resolve("made/dir")).isDirectory();
        assertThat(dataDir.resolve("made/file")).isRegularFile();
    }

    @Test
    void claimDirectoryOutlivesThePodAndIsReportedOnce() throws IOException {
        PodVolumes volumes = volumes();
        Volume claim = new Volume("data", null, null, null, null, new Volume.ClaimSource("db", null));
        Path dir = volumes.prepare(pod("u1", claim)).get("data").hostPath();
        Files.writeString(dir.resolve("row"), "1");

        volumes.remove("u1");
        Path again = volumes.prepare(pod("u2", claim)).get("data").hostPath();

        assertThat(again).isEqualTo(dataDir.resolve("claims/shop/db"));
        assertThat(read(again.resolve("row"))).isEqualTo("1");
        assertThat(claims).containsExactly("shop/db");
    }

    @Test
    void aPodOfAClaimThatDoesNotExistWaitsForIt() {
        Volume claim = new Volume("data", null, null, null, null, new Volume.ClaimSource("missing", null));

        assertThatThrownBy(() -> volumes().prepare(pod("u1", claim)))
                .isInstanceOf(ContainerConfigException.class)
                .hasMessage("persistentvolumeclaim \"missing\" not found");
    }

    @Test
    void aClaimMadeAgainUnderTheSameNameStartsEmpty() throws IOException {
        PodVolumes volumes = volumes();
        Volume claim = new Volume("data", null, null, null, null, new Volume.ClaimSource("db", null));
        Files.writeString(volumes.prepare(pod("u1", claim)).get("data").hostPath().resolve("row"), "1");
        volumes.remove("u1");

        config.claim("shop", "db", "uid-db-2");
        Path again = volumes.prepare(pod("u2", claim)).get("data").hostPath();

        assertThat(again).isEqualTo(dataDir.resolve("claims/shop/db")).isEmptyDirectory();
    }

    @Test
    void theDataOfAClaimThatIsGoneIsRemovedOnceNoPodUsesIt() throws IOException {
        PodVolumes volumes = volumes();
        Volume claim = new Volume("data", null, null, null, null, new Volume.ClaimSource("db", null));
        Pod user = pod("u1", claim);
        Files.writeString(volumes.prepare(user).get("data").hostPath().resolve("row"), "1");
        config.withoutClaim("shop", "db");

        volumes.removeUnusedClaims(List.of(user));
        assertThat(dataDir.resolve("claims/shop/db/row")).as("still used by a pod").exists();

        volumes.removeUnusedClaims(List.of());
        assertThat(dataDir.resolve("claims/shop/db")).doesNotExist();
        assertThat(dataDir.resolve("claims/shop/.db.uid")).doesNotExist();
    }

    @Test
    void theDataOfAClaimThatStillExistsIsKeptWithoutPods() throws IOException {
        PodVolumes volumes = volumes();
        Volume claim = new Volume("data", null, null, null, null, new Volume.ClaimSource("db", null));
        Files.writeString(volumes.prepare(pod("u1", claim)).get("data").hostPath().resolve("row"), "1");

        volumes.removeUnusedClaims(List.of());

        assertThat(dataDir.resolve("claims/shop/db/row")).exists();
    }

    @Test
    void removeUnmountsAndDeletesThePodDirectory() {
        PodVolumes volumes = volumes();
        volumes.prepare(pod("u1", Volume.emptyDir("scratch")));
        assertThat(volumes.podUids()).containsExactly("u1");

        volumes.remove("u1");

        assertThat(volumes.podUids()).isEmpty();
        assertThat(dataDir.resolve("pods/u1")).doesNotExist();
        assertThat(memoryMounts).containsExactly("unmount pods/u1");
    }

    @Test
    void mountsAreReadOnlyForProjectedVolumesAndSubPathsOfWritableOnesAreCreated() {
        Map<String, PreparedVolume> prepared = volumes().prepare(pod("u1", Volume.emptyDir("scratch"),
                configMap("cfg", "settings", null, null, null)));
        Container container = new Container("app", "img", null, null, null, null, null, null, null, List.of(
                new VolumeMount("scratch", "/work", "sub/dir", null, null),
                new VolumeMount("cfg", "/etc/cfg", null, false, null)), null, null, null, null, null, null, null, null);

        List<Mount> mounts = VolumeMounts.of(container, prepared);

        assertThat(mounts).containsExactly(
                new Mount.Bind(prepared.get("scratch").hostPath().resolve("sub/dir").toString(), "/work", false),
                new Mount.Bind(prepared.get("cfg").hostPath().toString(), "/etc/cfg", true));
        assertThat(prepared.get("scratch").hostPath().resolve("sub/dir")).isDirectory();
    }

    @Test
    void mountOfAnUnknownVolumeIsAConfigError() {
        Container container = new Container("app", "img", null, null, null, null, null, null, null,
                List.of(VolumeMount.of("nope", "/x")), null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> VolumeMounts.of(container, Map.of())).isInstanceOf(ContainerConfigException.class)
                .hasMessage("container app: volumeMount nope names no volume of the pod");
    }

    private static Container mounting(String volume, String subPath) {
        return new Container("app", "img", null, null, null, null, null, null, null,
                List.of(new VolumeMount(volume, "/work", subPath, null, null)), null, null, null, null, null, null, null, null);
    }

    @Test
    void subPathThatIsASymlinkOutOfItsVolumeIsRefused() throws IOException {
        Map<String, PreparedVolume> prepared = volumes().prepare(pod("u1", Volume.emptyDir("scratch")));
        Path outside = Files.createDirectories(dataDir.resolve("host-root"));
        Files.createSymbolicLink(prepared.get("scratch").hostPath().resolve("esc"), outside);

        assertThatThrownBy(() -> VolumeMounts.of(mounting("scratch", "esc"), prepared))
                .isInstanceOf(ContainerConfigException.class)
                .hasMessage("volume scratch: subPath \"esc\" leads out of the volume (through a symlink to " + outside + ")");
    }

    @Test
    void subPathBelowASymlinkOutOfItsVolumeIsRefusedAndNothingIsMadeOutside() throws IOException {
        Map<String, PreparedVolume> prepared = volumes().prepare(pod("u1", Volume.emptyDir("scratch")));
        Path outside = Files.createDirectories(dataDir.resolve("host-root"));
        Files.createSymbolicLink(prepared.get("scratch").hostPath().resolve("esc"), outside);

        assertThatThrownBy(() -> VolumeMounts.of(mounting("scratch", "esc/etc/cron.d"), prepared))
                .isInstanceOf(ContainerConfigException.class).hasMessageContaining("leads out of the volume");
        assertThat(outside.resolve("etc")).doesNotExist();
    }

    @Test
    void subPathThroughASymlinkInsideItsVolumeBindsWhereTheLinkLeads() throws IOException {
        Map<String, PreparedVolume> prepared = volumes().prepare(pod("u1", Volume.emptyDir("scratch")));
        Path volume = prepared.get("scratch").hostPath();
        Files.createDirectories(volume.resolve("data/v1"));
        Files.createSymbolicLink(volume.resolve("current"), Path.of("data/v1"));

        Mount.Bind bind = (Mount.Bind) VolumeMounts.of(mounting("scratch", "current"), prepared).getFirst();

        assertThat(bind.hostPath()).isEqualTo(volume.resolve("data/v1").toRealPath().toString());
    }

    @Test
    void fsGroupOwnsTheWritableVolumesGroupWritableAndSetgid() throws IOException {
        Pod pod = pod("u1", Volume.emptyDir("scratch"), new Volume("data", null, null, null, null,
                new Volume.ClaimSource("db", null)));
        pod = pod.withSpec(pod.spec().withSecurityContext(new PodSecurityContext(null, null, null, 4321L, null, null)));
        Path scratch = dataDir.resolve("pods/u1/volumes/scratch");
        Files.createDirectories(scratch);
        Files.writeString(scratch.resolve("left"), "x");
        Files.setPosixFilePermissions(scratch.resolve("left"), PosixFilePermissions.fromString("rw-r--r--"));

        Map<String, PreparedVolume> prepared = volumes().prepare(pod);

        for (Path dir : List.of(prepared.get("scratch").hostPath(), prepared.get("data").hostPath())) {
            assertThat(Files.getAttribute(dir, "unix:gid")).isEqualTo(4321);
            assertThat((Integer) Files.getAttribute(dir, "unix:mode") & 02070).isEqualTo(02070);
        }
        assertThat(Files.getAttribute(scratch.resolve("left"), "unix:gid")).isEqualTo(4321);
        assertThat(mode(scratch.resolve("left"))).isEqualTo("rw-rw-r--");
    }
}
