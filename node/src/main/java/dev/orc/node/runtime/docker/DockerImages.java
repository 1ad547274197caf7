package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.ImagePullException;
import dev.orc.node.runtime.ImageRef;
import dev.orc.node.runtime.PullPolicy;
import dev.orc.node.runtime.RuntimeTimeoutException;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The image half of the Docker runtime: list, inspect, pull by policy, build from files. */
final class DockerImages {

    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private final DockerClient requests;
    private final DockerClient streams;
    private final DockerErrors errors;

    DockerImages(DockerClient requests, DockerClient streams, DockerErrors errors) {
        this.requests = requests;
        this.streams = streams;
        this.errors = errors;
    }

    List<ImageInfo> list() {
        try {
            return requests.listImagesCmd().exec().stream().map(DockerImages::toInfo).toList();
        } catch (RuntimeException e) {
            throw errors.general("cannot list images", e);
        }
    }

    ImageInfo ensure(String image, PullPolicy policy) {
        Optional<ImageInfo> present = policy == PullPolicy.ALWAYS ? Optional.empty() : find(image);
        if (present.isPresent()) {
            return present.get();
        }
        if (policy == PullPolicy.NEVER) {
            throw new ImagePullException(ImagePullException.Reason.NEVER_PULL, image, "");
        }
        pull(image);
        return find(image).orElseThrow(() -> new ImagePullException(ImagePullException.Reason.FAILED, image,
                "the engine reported the pull done but has no such image"));
    }

    ImageInfo build(ImageBuild build) {
        byte[] context = BuildContext.tar(build);
        try (BuildImageResultCallback callback = streams.buildImageCmd()
                .withTarInputStream(new ByteArrayInputStream(context))
                .withTags(Set.of(build.tag()))
                .withRemove(true)
                .withForcerm(true)
                .withPull(false)
                .exec(new BuildImageResultCallback())) {
            callback.awaitImageId(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw errors.general("cannot build image '" + build.tag() + "'", e);
        } catch (java.io.IOException e) {
            throw new ContainerRuntimeException("cannot build image '" + build.tag() + "': " + e.getMessage(), e);
        }
        return find(build.tag()).orElseThrow(() -> new ContainerRuntimeException(
                "image '" + build.tag() + "' was built but cannot be found"));
    }

    private void pull(String image) {
        ImageRef ref = ImageRef.parse(image);
        PullImageResultCallback callback = streams.pullImageCmd(ref.repository())
                .withTag(ref.tag())
                .exec(new PullImageResultCallback());
        try (callback) {
            if (!callback.awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new RuntimeTimeoutException("pulling image '" + image + "' did not finish within " + PULL_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted while pulling image '" + image + "'", e);
        } catch (RuntimeTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.pull(image, e);
        } catch (java.io.IOException e) {
            throw new ImagePullException(ImagePullException.Reason.FAILED, image, e.getMessage());
        }
    }

    private Optional<ImageInfo> find(String image) {
        try {
            InspectImageResponse r = requests.inspectImageCmd(image).exec();
            Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
                    ? Map.of() : r.getConfig().getLabels();
            List<String> tags = r.getRepoTags() == null ? List.of() : r.getRepoTags();
            String user = r.getConfig() == null ? "" : r.getConfig().getUser();
            return Optional.of(new ImageInfo(r.getId(), tags, labels, r.getSize() == null ? 0 : r.getSize(), user));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw errors.general("cannot inspect image '" + image + "'", e);
        }
    }

    private static ImageInfo toInfo(Image image) {
        List<String> tags = image.getRepoTags() == null ? List.of()
                : Arrays.stream(image.getRepoTags()).filter(t -> !t.equals("<none>:<none>")).toList();
        return new ImageInfo(image.getId(), tags, image.getLabels() == null ? Map.of() : image.getLabels(),
                image.getSize() == null ? 0 : image.getSize(), "");
    }
}
