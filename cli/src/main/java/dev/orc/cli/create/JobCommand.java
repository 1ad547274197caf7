package dev.orc.cli.create;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.CronJob;
import dev.orc.api.model.Job;
import dev.orc.cli.ClientOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code orc create job NAME --from=cronjob/CRON} runs a CronJob's Job now, as kubectl does: the CronJob's job template
 * with its labels and annotations, {@code cronjob.kubernetes.io/instantiate: manual}, and the CronJob as controller.
 * {@code orc create job NAME --image=IMAGE [-- COMMAND...]} runs one container to completion.
 */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc create job backup-now --from=cronjob/nightly", "  orc create job hello --image busybox:1.36 -- echo hello"},
        name = "job", description = "Create a Job from a CronJob's template (--from=cronjob/NAME) or from an image.")
final class JobCommand implements Callable<Integer> {
    static final String INSTANTIATE = "cronjob.kubernetes.io/instantiate";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @CommandLine.Mixin
    CreateOutput output;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the Job.")
    String name;

    @Option(names = "--from", paramLabel = "cronjob/NAME", description = "The CronJob whose job template to run.")
    String from;

    @Option(names = "--image", paramLabel = "IMAGE", description = "The image of the Job's one container.")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "The container's command, after --.")
    List<String> command;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        if ((from == null) == (image == null)) {
            throw new CommandLine.ParameterException(cmd, "give either --from=cronjob/NAME or --image=IMAGE");
        }
        ObjectNode job = from != null ? fromCronJob(cmd) : fromImage();
        return output.emit(cmd, client, ResourceTypes.JOB, job);
    }

    private ObjectNode fromCronJob(CommandLine cmd) {
        int slash = from.indexOf('/');
        Optional<ResourceType> type = slash < 0 ? Optional.empty() : ResourceTypes.byCliName(from.substring(0, slash));
        if (type.isEmpty() || !type.get().equals(ResourceTypes.CRON_JOB) || slash == from.length() - 1) {
            throw new CommandLine.ParameterException(cmd,
                    "invalid --from \"" + from + "\": a Job can be created from a CronJob only: --from=cronjob/NAME");
        }
        if (command != null) {
            throw new CommandLine.ParameterException(cmd, "a command cannot be given with --from: the CronJob's is used");
        }
        ObjectNode cronJob = client.client().get(ResourceTypes.CRON_JOB, client.namespace(), from.substring(slash + 1));
        JsonNode template = cronJob.path("spec").path("jobTemplate");
        ObjectNode job = header();
        ObjectNode metadata = job.withObjectProperty("metadata");
        ObjectNode annotations = metadata.putObject("annotations").put(INSTANTIATE, "manual");
        if (template.path("metadata").path("annotations") instanceof ObjectNode templateAnnotations) {
            annotations.setAll(templateAnnotations.deepCopy());
        }
        if (template.path("metadata").path("labels") instanceof ObjectNode labels) {
            metadata.set("labels", labels.deepCopy());
        }
        metadata.putArray("ownerReferences").addObject()
                .put("apiVersion", CronJob.API_VERSION).put("kind", CronJob.KIND)
                .put("name", cronJob.path("metadata").path("name").asText())
                .put("uid", cronJob.path("metadata").path("uid").asText())
                .put("controller", true);
        job.set("spec", template.path("spec").deepCopy());
        return job;
    }

    private ObjectNode fromImage() {
        ObjectNode job = header();
        ObjectNode podSpec = job.putObject("spec").putObject("template").putObject("spec");
        ObjectNode container = podSpec.putArray("containers").addObject().put("name", name).put("image", image);
        if (command != null) {
            command.forEach(container.withArrayProperty("command")::add);
        }
        podSpec.put("restartPolicy", "Never");
        return job;
    }

    private ObjectNode header() {
        ObjectNode job = Json.object().put("apiVersion", Job.API_VERSION).put("kind", Job.KIND);
        ObjectNode metadata = job.putObject("metadata").put("name", name);
        if (client.namespaceGiven()) {
            metadata.put("namespace", client.namespace());
        }
        return job;
    }
}
