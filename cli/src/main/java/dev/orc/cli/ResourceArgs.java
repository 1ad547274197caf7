package dev.orc.cli;

import dev.orc.api.meta.ResourceType;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a {@code get}, {@code describe} or {@code delete} names, in kubectl's two forms:
 * {@code KIND[,KIND...] [NAME...]} or {@code KIND/NAME...}.
 */
record ResourceArgs(List<Selection> selections) {
    /** Objects of one kind: the named ones, or all of them when {@code names} is empty. */
    record Selection(ResourceType type, List<String> names) {
        Selection {
            names = List.copyOf(names);
        }
    }

    ResourceArgs {
        selections = List.copyOf(selections);
    }

    static ResourceArgs parse(CommandLine cmd, List<String> args) {
        if (args == null || args.isEmpty()) {
            throw new CommandLine.ParameterException(cmd, "a resource type is required, e.g. pods, deploy, svc or all");
        }
        if (args.get(0).contains("/")) {
            Map<ResourceType, List<String>> byType = new LinkedHashMap<>();
            for (String arg : args) {
                int slash = arg.indexOf('/');
                if (slash <= 0 || slash == arg.length() - 1) {
                    throw new CommandLine.ParameterException(cmd, "\"" + arg + "\": when the first argument is "
                            + "KIND/NAME, every argument must be KIND/NAME");
                }
                ResourceType type = Kinds.resolve(cmd, arg.substring(0, slash));
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(arg.substring(slash + 1));
            }
            List<Selection> selections = new ArrayList<>();
            byType.forEach((type, names) -> selections.add(new Selection(type, names)));
            return new ResourceArgs(selections);
        }
        List<ResourceType> types = Kinds.resolveList(cmd, args.get(0));
        List<String> names = args.subList(1, args.size());
        if (!names.isEmpty() && types.size() > 1) {
            throw new CommandLine.ParameterException(cmd, "names can only be given with one resource type; use KIND/NAME "
                    + "to name objects of several kinds");
        }
        for (String name : names) {
            if (name.contains("/")) {
                throw new CommandLine.ParameterException(cmd, "\"" + name + "\": there is no need to give the type "
                        + "twice; use either KIND NAME or KIND/NAME");
            }
        }
        return new ResourceArgs(types.stream().map(t -> new Selection(t, names)).toList());
    }

    boolean severalTypes() {
        return selections.size() > 1;
    }
}
