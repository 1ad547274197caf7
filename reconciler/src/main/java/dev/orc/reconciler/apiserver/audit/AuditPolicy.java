package dev.orc.reconciler.apiserver.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.manifest.LoadResult;
import dev.orc.api.manifest.Manifest;
import dev.orc.api.manifest.ManifestParser;
import dev.orc.reconciler.apiserver.auth.RequestAttributes;
import dev.orc.reconciler.apiserver.auth.UserInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Which requests the audit log records, and at what level: the first rule that matches decides, and a request no
 * rule matches is not recorded, as in audit.k8s.io/v1. Read from a Kubernetes audit Policy file; an unknown field or
 * level is refused with its file, line and path.
 */
public record AuditPolicy(List<AuditRule> rules) {
    private static final Set<String> POLICY_FIELDS = Set.of("apiVersion", "kind", "metadata", "rules", "omitStages",
            "omitManagedFields");
    private static final Set<String> RULE_FIELDS = Set.of("level", "users", "userGroups", "verbs", "resources",
            "namespaces", "nonResourceURLs", "omitStages", "omitManagedFields");
    private static final Set<String> RESOURCE_FIELDS = Set.of("group", "resources", "resourceNames");

    public AuditPolicy {
        rules = List.copyOf(rules);
    }

    /** Every request at Metadata: who did what to which object, with what result, and no bodies. */
    public static AuditPolicy metadataForEverything() {
        return new AuditPolicy(List.of(AuditRule.everything(AuditLevel.METADATA)));
    }

    public AuditLevel levelFor(UserInfo user, RequestAttributes request) {
        for (AuditRule rule : rules) {
            if (rule.matches(user, request)) {
                return rule.level();
            }
        }
        return AuditLevel.NONE;
    }

    public static AuditPolicy read(Path file) throws IOException {
        LoadResult loaded = ManifestParser.parse(file.toString(), Files.readAllBytes(file));
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException(loaded.diagnostics().getFirst().format());
        }
        if (loaded.manifests().size() != 1) {
            throw new IllegalArgumentException(file + ": expected one audit Policy document, found "
                    + loaded.manifests().size());
        }
        return new Reader(loaded.manifests().getFirst()).policy();
    }

    private record Reader(Manifest document) {
        AuditPolicy policy() {
            ObjectNode object = document.object();
            if (!"audit.k8s.io/v1".equals(object.path("apiVersion").asText())
                    || !"Policy".equals(object.path("kind").asText())) {
                throw refuse("", "expected apiVersion audit.k8s.io/v1 and kind Policy");
            }
            known(object, "", POLICY_FIELDS);
            JsonNode rules = object.path("rules");
            if (!rules.isArray() || rules.isEmpty()) {
                throw refuse("rules", "an audit Policy needs at least one rule");
            }
            List<AuditRule> read = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                read.add(rule(rules.get(i), "rules[" + i + "]"));
            }
            return new AuditPolicy(read);
        }

        private AuditRule rule(JsonNode rule, String path) {
            if (!rule.isObject()) {
                throw refuse(path, "expected an object");
            }
            known(rule, path, RULE_FIELDS);
            String levelText = rule.path("level").asText("");
            AuditLevel level = AuditLevel.parse(levelText).orElseThrow(() -> refuse(path + ".level",
                    "unknown level \"" + levelText + "\": expected None, Metadata, Request or RequestResponse"));
            JsonNode resources = rule.path("resources");
            List<AuditRule.GroupResources> groups = new ArrayList<>();
            for (int i = 0; i < resources.size(); i++) {
                String at = path + ".resources[" + i + "]";
                JsonNode group = resources.get(i);
                known(group, at, RESOURCE_FIELDS);
                groups.add(new AuditRule.GroupResources(group.path("group").asText(""), strings(group, "resources", at),
                        strings(group, "resourceNames", at)));
            }
            return new AuditRule(level, strings(rule, "users", path), strings(rule, "userGroups", path),
                    strings(rule, "verbs", path), groups, strings(rule, "namespaces", path),
                    strings(rule, "nonResourceURLs", path));
        }

        private List<String> strings(JsonNode parent, String field, String path) {
            JsonNode list = parent.path(field);
            if (list.isMissingNode() || list.isNull()) {
                return List.of();
            }
            String at = path.isEmpty() ? field : path + "." + field;
            if (!list.isArray()) {
                throw refuse(at, "expected a list of strings");
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    throw refuse(at + "[" + i + "]", "expected a string");
                }
                values.add(list.get(i).asText());
            }
            return values;
        }

        private void known(JsonNode object, String path, Set<String> fields) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw refuse(path.isEmpty() ? name : path + "." + name, "unknown field");
                }
            }
        }

        private IllegalArgumentException refuse(String path, String message) {
            return new IllegalArgumentException(document.source() + ":" + document.positions().locate(path) + ": "
                    + (path.isEmpty() ? "" : path + ": ") + message);
        }
    }
}
