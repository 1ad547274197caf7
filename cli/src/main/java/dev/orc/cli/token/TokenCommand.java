package dev.orc.cli.token;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc token}: the bearer tokens of users and nodes, issued, listed and revoked through the API. */
@Command(name = "token", description = "Issue, list and revoke tokens of users and nodes.",
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
public final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: create, list or revoke");
    }
}
