package dev.orc.node.volume;

import dev.orc.api.model.Pod;
import dev.orc.node.config.ConfigSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The node-local directories of PersistentVolumeClaims, {@code claims/<namespace>/<claim>}, each belonging to one
 * claim by uid ({@code claims/<namespace>/.<claim>.uid}; a claim name cannot start with a dot): a claim deleted and
 * made again under the same name never sees the data of the one before, and the directory of a claim that is gone
 * is deleted once no pod of the node names it.
 */
final class ClaimDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimDirectories.class);
    private static final String UID_SUFFIX = ".uid";

    private final Path root;
    private final ConfigSource claims;

    ClaimDirectories(Path root, ConfigSource claims) {
        this.root = root;
        this.claims = claims;
    }

    Path dir(String namespace, String claim) {
        return root.resolve(namespace).resolve(claim);
    }

    /**
     * The directory of the claim with {@code uid}, created if needed: one another claim of that name left is emptied
     * first; one from before uids were kept is adopted.
     */
    Path own(String namespace, String claim, String uid) {
        Path dir = dir(namespace, claim);
        Path uidFile = uidFile(namespace, claim);
        try {
            if (Files.exists(uidFile) && !Files.readString(uidFile).trim().equals(uid)) {
                Trees.delete(dir);
            }
            PodVolumes.createWritable(dir);
            if (!Files.exists(uidFile) || !Files.readString(uidFile).trim().equals(uid)) {
                Files.writeString(uidFile, uid);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the directories of claims that are gone (none of that name, or one with another uid) and that no pod
     * of {@code pods} names; returns them as {@code namespace/claim}.
     */
    List<String> removeUnused(Collection<Pod> pods) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Set<String> used = new HashSet<>();
        for (Pod pod : pods) {
            pod.spec().volumes().stream().filter(v -> v.persistentVolumeClaim() != null)
                    .forEach(v -> used.add(pod.metadata().namespace() + "/" + v.persistentVolumeClaim().claimName()));
        }
        List<String> removed = new ArrayList<>();
        try (var namespaces = Files.list(root)) {
            for (Path namespaceDir : namespaces.filter(Files::isDirectory).toList()) {
                String namespace = namespaceDir.getFileName().toString();
                try (var entries = Files.list(namespaceDir)) {
                    for (Path uidFile : entries.filter(ClaimDirectories::isUidFile).toList()) {
                        String file = uidFile.getFileName().toString();
                        String claim = file.substring(1, file.length() - UID_SUFFIX.length());
                        if (!used.contains(namespace + "/" + claim) && gone(namespace, claim, uidFile)) {
                            Trees.delete(namespaceDir.resolve(claim));
                            Files.deleteIfExists(uidFile);
                            removed.add(namespace + "/" + claim);
                            LOG.info("removed the data of claim {}/{}, which is gone", namespace, claim);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root + ": " + e.getMessage(), e);
        }
        return removed;
    }

    private boolean gone(String namespace, String claim, Path uidFile) throws IOException {
        String owner = Files.readString(uidFile).trim();
        return claims.persistentVolumeClaim(namespace, claim).map(c -> !owner.equals(c.metadata().uid())).orElse(true);
    }

    private Path uidFile(String namespace, String claim) {
        return root.resolve(namespace).resolve("." + claim + UID_SUFFIX);
    }

    private static boolean isUidFile(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") && name.endsWith(UID_SUFFIX) && name.length() > UID_SUFFIX.length() + 1;
    }
}
