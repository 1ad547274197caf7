package dev.orc.cli;

import dev.orc.api.meta.ResourceType;
import picocli.CommandLine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one object a verb such as {@code rollout}, {@code scale} or {@code set image} acts on, written as kubectl
 * writes it: {@code deployment/web}, {@code deploy/web} or {@code deployments.apps/web}, of one of the kinds the
 * verb supports.
 */
record WorkloadArg(ResourceType type, String name) {
    static WorkloadArg parse(CommandLine cmd, String arg, List<ResourceType> supported) {
        int slash = arg.indexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
            throw new CommandLine.ParameterException(cmd, "\"" + arg + "\": give the object as KIND/NAME, e.g. "
                    + supported.get(0).singular() + "/web");
        }
        ResourceType type = Kinds.resolve(cmd, arg.substring(0, slash));
        if (!supported.contains(type)) {
            throw new CommandLine.ParameterException(cmd, "\"" + arg + "\": " + cmd.getCommandName() + " supports "
                    + supported.stream().map(ResourceType::singular).collect(Collectors.joining(", ")) + ", not " + type.plural());
        }
        return new WorkloadArg(type, arg.substring(slash + 1));
    }

    /** {@code deployment.apps/web}, as kubectl names objects in its messages. */
    String label() {
        return type.qualifiedName() + "/" + name;
    }
}
