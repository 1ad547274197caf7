package dev.orc.bench;

import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageBuilder;

import java.util.List;

/**
 * The images the idle benchmark's pods and orc's bundled examples run, built locally (no registry) when the engine
 * has no image of that tag yet: {@code orc/busybox:1} and {@code orc/web:1} as examples/images/build.sh builds them.
 * An existing image of the tag is left alone, whoever built it.
 */
final class IdleImages {
    static final String BUSYBOX = ImageBuilder.BUSYBOX_IMAGE;
    static final String WEB = "orc/web:1";
    static final List<String> ALL = List.of(BUSYBOX, WEB);

    private IdleImages() {
    }

    static void ensure(ContainerRuntime runtime) {
        buildUnlessPresent(runtime, ImageBuilder.busyboxImage(ImageBuilder.DEFAULT_BUSYBOX));
        buildUnlessPresent(runtime, ImageBuilder.busybox(ImageBuilder.DEFAULT_BUSYBOX, WEB)
                .textFile("/www/index.html", "<!doctype html>\n<title>orc web 1</title>\n<h1>orc web version 1</h1>\n")
                .command(List.of("httpd", "-f", "-v", "-p", "8080", "-h", "/www")).build());
    }

    private static void buildUnlessPresent(ContainerRuntime runtime, ImageBuild build) {
        if (runtime.listImages().stream().noneMatch(image -> image.tags().contains(build.tag()))) {
            runtime.buildImage(build);
        }
    }
}
