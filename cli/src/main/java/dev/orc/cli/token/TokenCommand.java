package dev.orc.cli.token;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orc token}: the bearer tokens of users and nodes, issued, listed and revoked through the API. */
@Command(name = "token", description = "Issue, list and revoke tokens of users and nodes.",
        footerHeading = "%nExamples:%n",
        footer = {"  # a token for jane in group dev, valid for a day", "  orc token create --user jane --group dev --ttl 24h", "",
                "  # the issued tokens, then revoke one by its id", "  orc token list", "  orc token revoke 3f9c2a"},
        subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class})
public final class TokenCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: create, list or revoke");
    }
}
