package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a push webhook says, in the shape GitHub, GitLab and Gitea share: the pushed ref, the new head and
 * the files its commits touched. {@code changedFiles} is empty when the payload does not list them, in
 * which case every path counts as touched.
 */
public record PushEvent(Optional<String> ref, Optional<String> after, Set<String> changedFiles, boolean filesListed) {
    public PushEvent {
        changedFiles = Set.copyOf(changedFiles);
    }

    /** Reads a push payload; a body that is not JSON is a push of unknown content. */
    public static PushEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IllegalArgumentException e) {
            return new PushEvent(Optional.empty(), Optional.empty(), Set.of(), false);
        }
        Optional<String> ref = text(root.get("ref"));
        Optional<String> after = text(root.get("after"));
        Set<String> files = new LinkedHashSet<>();
        boolean listed = false;
        JsonNode commits = root.get("commits");
        if (commits != null && commits.isArray() && !commits.isEmpty()) {
            listed = true;
            for (JsonNode commit : commits) {
                for (String field : List.of("added", "modified", "removed")) {
                    JsonNode paths = commit.get(field);
                    if (paths == null || !paths.isArray()) {
                        listed = false;
                        continue;
                    }
                    paths.forEach(path -> files.add(path.asText()));
                }
            }
        }
        return new PushEvent(ref, after, files, listed);
    }

    /** Whether the push is for this branch ({@code refs/heads/NAME}); pushes naming no ref count as matching. */
    public boolean isForBranch(String branch) {
        return ref.map(r -> r.equals("refs/heads/" + branch) || r.equals(branch)).orElse(true);
    }

    /** Whether any changed file lies under {@code path} ("" = the whole repository). */
    public boolean touches(String path) {
        if (!filesListed || path.isEmpty()) {
            return true;
        }
        String prefix = path.endsWith("/") ? path : path + "/";
        return changedFiles.stream().anyMatch(file -> file.equals(path) || file.startsWith(prefix));
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }
}
