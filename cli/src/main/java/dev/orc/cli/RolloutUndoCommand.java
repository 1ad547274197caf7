package dev.orc.cli;

import dev.orc.api.gitops.Ownership;
import dev.orc.api.apps.DeploymentRollback;
import dev.orc.api.apps.StatefulSetRollback;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code orc rollout undo deployment/NAME [--to-revision N]}: the Deployment gets the pod template of an earlier
 * revision back. On a Deployment that a self-healing GitSource manages this is the emergency exit: the Deployment
 * is pinned to the source's applied commit, so self-heal leaves the rollback alone until a new commit arrives.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc rollout undo deployment/web", "  orc rollout undo deployment/web --to-revision 2"},
        name = "undo", description = "Roll a Deployment back to its previous revision, or to --to-revision; pins it "
        + "when a GitSource manages it, until a new commit reaches the source.")
final class RolloutUndoCommand implements Callable<Integer> {
    private static final int MAX_ATTEMPTS = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(paramLabel = "KIND/NAME", description = "deployment/NAME or statefulset/NAME.")
    String target;

    @Option(names = "--to-revision", paramLabel = "N", defaultValue = "0",
            description = "The revision to return to (default: the one before the current).")
    long toRevision;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        WorkloadArg workload = WorkloadArg.parse(cmd, target, List.of(ResourceTypes.DEPLOYMENT,
                ResourceTypes.STATEFUL_SET));
        if (toRevision < 0) {
            throw new CommandLine.ParameterException(cmd, "--to-revision must be 0 or more, got " + toRevision);
        }
        ApiClient api = client.client();
        for (int attempt = 1; ; attempt++) {
            try {
                return workload.type() == ResourceTypes.STATEFUL_SET ? undoStatefulSet(cmd, api, workload)
                        : undo(cmd, api, workload);
            } catch (ApiException e) {
                if (!e.isConflict() || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * A JSON patch that puts back the old template and its annotations, with no resourceVersion precondition:
     * controllers keep writing the Deployment's status, which must not make the rollback fail.
     */
    private static ArrayNode templatePatch(ObjectNode rolledBack) {
        ArrayNode patch = Json.mapper().createArrayNode();
        patch.addObject().put("op", "replace").put("path", "/spec/template").set("value", rolledBack.at("/spec/template"));
        patch.addObject().put("op", "add").put("path", "/metadata/annotations")
                .set("value", rolledBack.at("/metadata/annotations"));
        return patch;
    }

    /** The rollback {@code compute} finds, or empty once the reason there is none is printed. */
    private static <R> Optional<R> computed(CommandLine cmd, Supplier<R> compute) {
        try {
            return Optional.of(compute.get());
        } catch (IllegalArgumentException e) {
            cmd.getErr().println("error: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static String skipped(WorkloadArg workload, long revision) {
        return workload.label() + " skipped rollback (current template already matches revision " + revision + ")";
    }

    /** A StatefulSet gets the template of the revision back through a JSON patch, as kubectl patches it. */
    private int undoStatefulSet(CommandLine cmd, ApiClient api, WorkloadArg workload) {
        String namespace = client.namespace();
        ObjectNode set = api.get(workload.type(), namespace, workload.name());
        Optional<StatefulSetRollback.Result> computed = computed(cmd,
                () -> StatefulSetRollback.to(set, StatefulSetHistory.revisions(api, namespace), toRevision));
        if (computed.isEmpty()) {
            return 1;
        }
        StatefulSetRollback.Result rollback = computed.get();
        if (rollback.alreadyCurrent()) {
            cmd.getOut().println(skipped(workload, rollback.revision()));
            return 0;
        }
        ArrayNode patch = Json.mapper().createArrayNode();
        patch.addObject().put("op", "replace").put("path", "/spec/template").set("value", rollback.template());
        api.patch(workload.type(), namespace, workload.name(), PatchType.JSON, patch, WriteOptions.defaults());
        cmd.getOut().println(workload.label() + " rolled back");
        return 0;
    }

    /** One read-compute-write of the Deployment; a conflict on the write is retried from a fresh read. */
    private int undo(CommandLine cmd, ApiClient api, WorkloadArg workload) {
        String namespace = client.namespace();
        ObjectNode deployment = api.get(workload.type(), namespace, workload.name());
        Optional<DeploymentRollback.Result> computed = computed(cmd,
                () -> DeploymentRollback.to(deployment, DeploymentHistory.replicaSets(api, namespace), toRevision));
        if (computed.isEmpty()) {
            return 1;
        }
        DeploymentRollback.Result rollback = computed.get();
        PrintWriter out = cmd.getOut();
        if (rollback.alreadyCurrent()) {
            out.println(skipped(workload, rollback.revision()));
            return 0;
        }
        Optional<GitOpsGuard.Manager> manager = GitOpsGuard.managerOf(api, deployment)
                .filter(m -> m.selfHeal() && !m.lastAppliedCommit().isEmpty());
        ObjectNode rolledBack = rollback.deployment();
        manager.ifPresent(m -> rolledBack.withObjectProperty("metadata").withObjectProperty("annotations")
                .put(Ownership.PIN_ANNOTATION, m.lastAppliedCommit()));
        api.patch(workload.type(), namespace, workload.name(), PatchType.JSON, templatePatch(rolledBack),
                WriteOptions.defaults());
        out.println(workload.label() + " rolled back");
        manager.ifPresent(m -> out.println("note: " + workload.label() + " is managed by GitSource " + m.source()
                + "; it stays at this revision until a new commit reaches the source"));
        return 0;
    }
}
