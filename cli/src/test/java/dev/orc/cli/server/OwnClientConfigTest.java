package dev.orc.cli.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class OwnClientConfigTest {
    private static final URI SERVER = URI.create("https://127.0.0.1:6443");

    @TempDir
    Path dir;

    @Test
    void anAbsentUserConfigIsWrittenForThisServer() throws Exception {
        Path user = dir.resolve("home/.orc/config");

        Path written = OwnClientConfig.write(user, dir.resolve("data"), SERVER, "t0ken", null);

        assertThat(written).isEqualTo(user);
        assertThat(Files.readString(user)).contains("server: \"https://127.0.0.1:6443\"", "token: \"t0ken\"");
        assertThat(Files.readString(dir.resolve("data/client.yaml"))).isEqualTo(Files.readString(user));
    }

    @Test
    void aUserConfigNamingThisServerIsUpdated() throws Exception {
        Path user = dir.resolve("config");
        Files.writeString(user, "server: https://127.0.0.1:6443\ntoken: old\n");

        assertThat(OwnClientConfig.write(user, dir.resolve("data"), SERVER, "new", null)).isEqualTo(user);
        assertThat(Files.readString(user)).contains("token: \"new\"");
    }

    @Test
    void aUserConfigThisDataDirectorysServerWroteIsUpdatedWhenItRestartsOnAnotherAddress() throws Exception {
        Path user = dir.resolve("config");
        OwnClientConfig.write(user, dir.resolve("data"), SERVER, "t0ken", null);

        URI moved = URI.create("https://127.0.0.1:7443");
        assertThat(OwnClientConfig.write(user, dir.resolve("data"), moved, "t0ken", null)).isEqualTo(user);
        assertThat(Files.readString(user)).contains("server: \"https://127.0.0.1:7443\"");
    }

    @Test
    void aUserConfigNamingAnotherServerIsLeftByteIdentical() throws Exception {
        Path user = dir.resolve("config");
        String theirs = "# mine\nserver: https://10.0.0.1:6443\ntoken: theirs\n";
        Files.writeString(user, theirs);

        Path written = OwnClientConfig.write(user, dir.resolve("data"), SERVER, "t0ken", null);

        assertThat(Files.readString(user)).isEqualTo(theirs);
        assertThat(written).isEqualTo(dir.resolve("data/client.yaml"));
        assertThat(Files.readString(written)).contains("server: \"https://127.0.0.1:6443\"");
    }

    @Test
    void aUserConfigListingThisServerAmongOthersIsLeftByteIdentical() throws Exception {
        Path user = dir.resolve("config");
        String cluster = "server: https://127.0.0.1:6443,https://127.0.0.1:6444\ntoken: shared\n";
        Files.writeString(user, cluster);

        assertThat(OwnClientConfig.write(user, dir.resolve("data"), SERVER, "shared", null))
                .isEqualTo(dir.resolve("data/client.yaml"));
        assertThat(Files.readString(user)).isEqualTo(cluster);
    }

    @Test
    void aUserConfigThatCannotBeReadIsLeftAlone() throws Exception {
        Path user = dir.resolve("config");
        Files.writeString(user, "server: [unclosed\n");

        assertThat(OwnClientConfig.write(user, dir.resolve("data"), SERVER, "t0ken", null))
                .isEqualTo(dir.resolve("data/client.yaml"));
        assertThat(Files.readString(user)).isEqualTo("server: [unclosed\n");
    }
}
