package dev.orc.node.runtime.docker;

import dev.orc.node.runtime.ImageBuild;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns an {@link ImageBuild} into a Docker build context: a Dockerfile from scratch plus a rootfs/ tree. */
final class BuildContext {

    private static final String ROOTFS = "rootfs";

    private BuildContext() {
    }

    static byte[] tar(ImageBuild build) {
        TarWriter tar = new TarWriter();
        tar.file("Dockerfile", 0644, dockerfile(build).getBytes(StandardCharsets.UTF_8));
        tar.directory(ROOTFS, 0755);
        for (ImageBuild.File file : build.files()) {
            String path = ROOTFS + file.path();
            if (file.directory()) {
                tar.directory(path, file.mode());
            } else {
                tar.file(path, file.mode(), file.content());
            }
        }
        return tar.finish();
    }

    static String dockerfile(ImageBuild build) {
        StringBuilder d = new StringBuilder("FROM scratch\n");
        d.append("COPY ").append(ROOTFS).append("/ /\n");
        for (List<String> step : build.run()) {
            d.append("RUN ").append(jsonArray(step)).append('\n');
        }
        for (Map.Entry<String, String> e : build.env().entrySet()) {
            d.append("ENV ").append(e.getKey()).append('=').append(quoted(e.getValue())).append('\n');
        }
        if (!build.workingDir().isEmpty()) {
            d.append("WORKDIR ").append(build.workingDir()).append('\n');
        }
        if (!build.entrypoint().isEmpty()) {
            d.append("ENTRYPOINT ").append(jsonArray(build.entrypoint())).append('\n');
        }
        if (!build.command().isEmpty()) {
            d.append("CMD ").append(jsonArray(build.command())).append('\n');
        }
        d.append("LABEL ").append(quoted(ImageBuild.DIGEST_LABEL)).append('=').append(quoted(build.digest()));
        for (Map.Entry<String, String> e : build.labels().entrySet()) {
            d.append(' ').append(quoted(e.getKey())).append('=').append(quoted(e.getValue()));
        }
        return d.append('\n').toString();
    }

    private static String jsonArray(List<String> values) {
        return values.stream().map(BuildContext::jsonString).collect(Collectors.joining(",", "[", "]"));
    }

    /** A double-quoted ENV or LABEL value, where the builder would otherwise expand {@code $}. */
    private static String quoted(String value) {
        return jsonString(value).replace("$", "\\$");
    }

    private static String jsonString(String value) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
