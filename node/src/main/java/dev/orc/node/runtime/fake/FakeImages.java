package dev.orc.node.runtime.fake;

import dev.orc.node.runtime.ImageBuild;
import dev.orc.node.runtime.ImageInfo;
import dev.orc.node.runtime.ImagePullException;
import dev.orc.node.runtime.ImageRef;
import dev.orc.node.runtime.PullPolicy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fake node's images and the registries it can (not) reach. Guarded by the runtime's lock. */
final class FakeImages {

    /** An image with the defaults a container created from it inherits. */
    record Image(ImageInfo info, List<String> entrypoint, List<String> command) {
    }

    private final Map<String, Image> byReference = new LinkedHashMap<>();
    private final Set<String> reachableRegistries = new HashSet<>();
    private final Set<String> inRegistries = new HashSet<>();

    void reachable(String registry) {
        reachableRegistries.add(registry);
    }

    void publish(String image) {
        ImageRef ref = ImageRef.parse(image);
        reachableRegistries.add(ref.registry());
        inRegistries.add(ref.reference());
    }

    void add(String image) {
        String reference = ImageRef.parse(image).reference();
        put(reference, new Image(new ImageInfo(idFor(reference), List.of(reference), Map.of(), 1024 * 1024, ""),
                List.of(), List.of("sh")));
    }

    List<ImageInfo> list() {
        return byReference.values().stream().map(Image::info).distinct().toList();
    }

    Optional<Image> find(String image) {
        return Optional.ofNullable(byReference.get(ImageRef.parse(image).reference()));
    }

    ImageInfo ensure(String image, PullPolicy policy) {
        Optional<Image> present = find(image);
        if (policy != PullPolicy.ALWAYS && present.isPresent()) {
            return present.get().info();
        }
        if (policy == PullPolicy.NEVER) {
            throw new ImagePullException(ImagePullException.Reason.NEVER_PULL, image, "");
        }
        ImageRef ref = ImageRef.parse(image);
        if (!reachableRegistries.contains(ref.registry())) {
            throw new ImagePullException(ImagePullException.Reason.REGISTRY_UNREACHABLE, image,
                    "lookup " + ref.registry() + ": no such host");
        }
        if (!inRegistries.contains(ref.reference())) {
            throw new ImagePullException(ImagePullException.Reason.NOT_FOUND, image, "manifest unknown");
        }
        add(image);
        return find(image).orElseThrow().info();
    }

    ImageInfo build(ImageBuild build) {
        String reference = ImageRef.parse(build.tag()).reference();
        Map<String, String> labels = new LinkedHashMap<>(build.labels());
        labels.put(ImageBuild.DIGEST_LABEL, build.digest());
        long size = build.files().stream().mapToLong(f -> f.content().length).sum();
        ImageInfo info = new ImageInfo("sha256:" + build.digest(), List.of(reference), labels, size, "");
        put(reference, new Image(info, build.entrypoint(), build.command()));
        return info;
    }

    private void put(String reference, Image image) {
        byReference.put(reference, image);
    }

    private static String idFor(String reference) {
        return "sha256:" + String.format("%064x", reference.hashCode() & 0xffffffffL);
    }
}
