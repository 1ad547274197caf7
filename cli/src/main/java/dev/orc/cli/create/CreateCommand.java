package dev.orc.cli.create;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc create configmap|secret|job ...}: objects made from literals, files or a CronJob, not manifests. */
@Command(footerHeading = "%nExamples:%n", footer = {"  orc create configmap settings --from-literal mode=fast", "  orc create secret generic db --from-file password.txt", "  orc create job backup --from=cronjob/nightly"},
        name = "create", description = "Create a ConfigMap or a Secret from literals, files and env files, "
        + "or a Job from a CronJob.",
        subcommands = {ConfigMapCommand.class, SecretCommand.class, JobCommand.class})
public final class CreateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "what to create is required: configmap, secret or job");
    }
}
