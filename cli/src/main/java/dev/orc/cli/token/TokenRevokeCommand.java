package dev.orc.cli.token;

import dev.orc.api.auth.IssuedToken;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.cli.ClientOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code orc token revoke ID|TOKEN}: deletes the token's Secret; the token stops working at its next request. */
@Command(name = "revoke", description = "Revoke a token by its id (orc token list) or its text.",
        footerHeading = "%nExamples:%n",
        footer = {"  # revoke by the id orc token list shows", "  orc token revoke 3f9c2a", "",
                "  # or by the token itself", "  orc token revoke \"$(cat jane.token)\""})
final class TokenRevokeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @Parameters(index = "0", paramLabel = "ID|TOKEN", description = "The token's id, or the token itself.")
    String token;

    @Override
    public Integer call() {
        String id = IssuedToken.idOf(token).orElse(token);
        try {
            client.client().delete(ResourceTypes.SECRET, IssuedToken.NAMESPACE, IssuedToken.secretName(id),
                    DeleteOptions.defaults());
        } catch (ApiException e) {
            if (e.isNotFound()) {
                spec.commandLine().getErr().println("error: no token with id \"" + id + "\"");
                return 1;
            }
            throw e;
        }
        spec.commandLine().getOut().println("token " + id + " revoked");
        return 0;
    }
}
