package dev.orc.bench;

import dev.orc.node.runtime.ContainerRuntime;
import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageBuilder;

/**
 * The rollout benchmark's two images, built locally (no registry): busybox sleeping until SIGTERM, in two
 * versions that differ only by a label, so a rolling update really changes the image.
 */
final class BenchImages {
    static final String V1 = "orc-bench/app:1";
    static final String V2 = "orc-bench/app:2";

    private BenchImages() {
    }

    static void ensure(ContainerRuntime runtime) {
        for (String tag : new String[]{V1, V2}) {
            ImageBuild build = ImageBuilder.busybox(ImageBuilder.DEFAULT_BUSYBOX, tag).command(ImageBuilder.PAUSE_COMMAND)
                    .label("dev.orc.bench.version", tag.substring(tag.indexOf(':') + 1)).build();
            ImageBuilder.ensure(runtime, build);
        }
    }
}
