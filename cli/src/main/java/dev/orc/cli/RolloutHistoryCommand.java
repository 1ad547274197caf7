package dev.orc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.apps.PodTemplateHash;
import dev.orc.api.apps.StatefulSetRollback;
import dev.orc.api.apps.TemplateRevision;
import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.output.Table;
import dev.orc.cli.output.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code orc rollout history deployment|statefulset/NAME [--revision N]}. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc rollout history deployment/web", "  orc rollout history deployment/web --revision 3"},
        name = "history", description = "List a Deployment's or StatefulSet's revisions with their change-cause, or "
        + "show one revision's pod template.")
final class RolloutHistoryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND/NAME", description = "deployment/NAME or statefulset/NAME.")
    String target;

    @Option(names = "--revision", paramLabel = "N", description = "Show the pod template of this revision.")
    Long revision;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        WorkloadArg workload = WorkloadArg.parse(cmd, target, List.of(ResourceTypes.DEPLOYMENT,
                ResourceTypes.STATEFUL_SET));
        if (revision != null && revision <= 0) {
            throw new CommandLine.ParameterException(cmd, "--revision must be a positive number, got " + revision);
        }
        ApiClient api = client.client();
        ObjectNode object = api.get(workload.type(), client.namespace(), workload.name());
        List<TemplateRevision> history = workload.type() == ResourceTypes.STATEFUL_SET
                ? StatefulSetRollback.history(object, StatefulSetHistory.revisions(api, client.namespace()))
                : DeploymentHistory.of(object, DeploymentHistory.replicaSets(api, client.namespace())).stream()
                        .map(r -> new TemplateRevision(r.number(), r.changeCause(),
                                PodTemplateHash.withoutHash(r.replicaSet().path("spec").path("template"))))
                        .toList();
        PrintWriter out = cmd.getOut();
        if (revision == null) {
            out.println(workload.label());
            Table table = new Table().add(List.of("REVISION", "CHANGE-CAUSE"));
            history.forEach(r -> table.add(List.of(Long.toString(r.number()),
                    r.changeCause().isEmpty() ? "<none>" : r.changeCause())));
            table.lines().forEach(out::println);
            return 0;
        }
        Optional<TemplateRevision> wanted = history.stream().filter(r -> r.number() == revision).findFirst();
        if (wanted.isEmpty()) {
            cmd.getErr().println("error: " + workload.label() + " has no revision " + revision + "; its revisions: "
                    + (history.isEmpty() ? "none" : history.stream().map(r -> Long.toString(r.number()))
                    .collect(Collectors.joining(", "))));
            return 1;
        }
        ObjectNode template = wanted.get().template();
        out.println(workload.label() + " with revision #" + revision);
        out.println("Pod Template:");
        Yaml.write(template).lines().forEach(line -> out.println("  " + line));
        return 0;
    }
}
