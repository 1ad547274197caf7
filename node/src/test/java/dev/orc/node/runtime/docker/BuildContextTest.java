package dev.orc.node.runtime.docker;

import dev.orc.node.runtime.ImageBuild;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuildContextTest {

    private final ImageBuild build = new ImageBuild("orc/t:1",
            List.of(ImageBuild.File.directory("/www", 0755), ImageBuild.File.text("/www/index.html", "hi")),
            List.of(List.of("/bin/busybox", "--install", "-s", "/bin")), Map.of("GREETING", "cost $5"), "/www",
            List.of(), List.of("sh", "-c", "echo \"$GREETING\""), Map.of("role", "test"));

    @Test
    void dockerfileStartsFromScratchAndKeepsDollarsLiteral() {
        assertThat(BuildContext.dockerfile(build)).isEqualTo("""
                FROM scratch
                COPY rootfs/ /
                RUN ["/bin/busybox","--install","-s","/bin"]
                ENV GREETING="cost \\$5"
                WORKDIR /www
                CMD ["sh","-c","echo \\"$GREETING\\""]
                LABEL "dev.orc.image.digest"="%s" "role"="test"
                """.formatted(build.digest()));
    }

    @Test
    void tarHoldsTheDockerfileThenTheFilesUnderRootfs() {
        byte[] tar = BuildContext.tar(build);
        assertThat(tar.length % 512).isZero();
        assertThat(entryName(tar, 0)).isEqualTo("Dockerfile");
        int dockerfileBlocks = (BuildContext.dockerfile(build).length() + 511) / 512;
        int offset = 512 * (1 + dockerfileBlocks);
        assertThat(entryName(tar, offset)).isEqualTo("rootfs/");
        assertThat(entryName(tar, offset + 512)).isEqualTo("rootfs/www/");
        assertThat(entryName(tar, offset + 1024)).isEqualTo("rootfs/www/index.html");
    }

    @Test
    void entriesKeepModesAndContentAndLongPathsAndAreTheSameForEqualBuilds() throws Exception {
        String deep = "/" + "very-long-directory-name/".repeat(8) + "file.txt";
        ImageBuild withDeepFile = new ImageBuild(build.tag(), List.of(ImageBuild.File.text("/www/index.html", "hi"),
                ImageBuild.File.regular(deep, 0750, "deep".getBytes(StandardCharsets.UTF_8))), build.run(), build.env(),
                build.workingDir(), build.entrypoint(), build.command(), build.labels());

        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(BuildContext.tar(withDeepFile)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String content = e.isDirectory() ? "" : " " + new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
                entries.add(e.getName() + " " + Integer.toOctalString(e.getMode()) + " " + e.getModTime().getTime() + content);
            }
        }

        assertThat(entries).containsExactly("Dockerfile 644 0 FROM scratch", "rootfs/ 755 0",
                "rootfs/www/index.html 644 0 hi", "rootfs" + deep + " 750 0 deep");
        assertThat(BuildContext.tar(withDeepFile)).isEqualTo(BuildContext.tar(withDeepFile));
    }

    @Test
    void equalBuildsHaveEqualDigestsAndAnyChangeChangesIt() {
        ImageBuild same = new ImageBuild(build.tag(), build.files(), build.run(), build.env(), build.workingDir(),
                build.entrypoint(), build.command(), build.labels());
        ImageBuild other = new ImageBuild(build.tag(), List.of(ImageBuild.File.text("/www/index.html", "ho")), build.run(),
                build.env(), build.workingDir(), build.entrypoint(), build.command(), build.labels());
        assertThat(same.digest()).isEqualTo(build.digest());
        assertThat(other.digest()).isNotEqualTo(build.digest());
    }

    private static String entryName(byte[] tar, int offset) {
        int end = offset;
        while (tar[end] != 0) {
            end++;
        }
        return new String(tar, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
