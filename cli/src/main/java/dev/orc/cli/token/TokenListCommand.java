package dev.orc.cli.token;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.client.ListOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Secret;
import dev.orc.cli.ClientOptions;
import dev.orc.cli.output.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orc token list}: the issued tokens (never their text): id, user, groups, expiry and description. */
@Command(name = "list", description = "List the issued tokens (their ids; the tokens themselves are not kept).",
        footerHeading = "%nExamples:%n",
        footer = {"  # every issued token's id, user, groups and expiry", "  orc token list"})
final class TokenListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        Table table = new Table().add(List.of("ID", "USER", "GROUPS", "EXPIRES", "DESCRIPTION"));
        Instant now = Instant.now();
        int found = 0;
        for (JsonNode item : client.client().listAll(ResourceTypes.SECRET, IssuedToken.NAMESPACE, ListOptions.all())
                .path("items")) {
            var stored = IssuedToken.fromSecret(Json.convert(item, Secret.class));
            if (stored.isPresent()) {
                IssuedToken token = stored.get().token();
                table.add(List.of(token.id(), token.user(), token.groups().isEmpty() ? "<none>" : String.join(",", token.groups()),
                        token.expires().map(at -> token.expiredAt(now) ? at + " (expired)" : at.toString()).orElse("<never>"),
                        token.description().isEmpty() ? "<none>" : token.description()));
                found++;
            }
        }
        if (found == 0) {
            spec.commandLine().getErr().println("No tokens found");
            return 0;
        }
        table.lines().forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
