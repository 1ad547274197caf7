package dev.orc.cli;

import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Collectors;

/** Resolves the kind names users type ({@code po}, {@code deploy}, {@code deployments.apps}, {@code all}). */
final class Kinds {
    private Kinds() {
    }

    static ResourceType resolve(CommandLine cmd, String name) {
        return ResourceTypes.byCliName(name).orElseThrow(() -> new CommandLine.ParameterException(cmd,
                "unknown resource type \"" + name + "\"; known: " + known()));
    }

    /** {@code all} means every kind in the {@code all} category; {@code deploy,svc} several kinds. */
    static List<ResourceType> resolveList(CommandLine cmd, String names) {
        List<ResourceType> types = new java.util.ArrayList<>();
        for (String name : names.split(",")) {
            if (name.equalsIgnoreCase("all")) {
                ResourceTypes.all().stream().filter(t -> t.categories().contains("all"))
                        .filter(t -> !types.contains(t)).forEach(types::add);
            } else {
                ResourceType type = resolve(cmd, name.strip());
                if (!types.contains(type)) {
                    types.add(type);
                }
            }
        }
        return List.copyOf(types);
    }

    private static String known() {
        return ResourceTypes.all().stream()
                .map(t -> t.shortNames().isEmpty() ? t.plural() : t.plural() + " (" + String.join(",", t.shortNames()) + ")")
                .collect(Collectors.joining(", "));
    }
}
