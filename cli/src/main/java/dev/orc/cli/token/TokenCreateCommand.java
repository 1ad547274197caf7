package dev.orc.cli.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Durations;
import dev.orc.cli.ClientOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code orc token create --user U [--group G]... [--ttl D]} or {@code --node NAME}: a new token, printed once (the
 * server keeps only its hash, in the Secret {@code kube-system/orc-token-ID}); it works at once, on every server.
 */
@Command(name = "create", description = "Issue a token for a user (--user, --group) or a node (--node); prints it once.",
        footerHeading = "%nExamples:%n",
        footer = {"  # a token for jane in group dev, valid for a day", "  orc token create --user jane --group dev --ttl 24h", "",
                "  # a node's credential, into a file only root reads, for orc node --token-file",
                "  (umask 077; orc token create --node worker-1 > /var/lib/orc-node.token)"})
final class TokenCreateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClientOptions client;

    @ArgGroup(multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user", paramLabel = "NAME", description = "The user the token authenticates as.")
        String user;

        @Option(names = "--node", paramLabel = "NAME",
                description = "A node's credential: user system:node:NAME in group system:nodes, limited by the node "
                        + "authorizer to that node's own objects and pods.")
        String node;
    }

    @Option(names = "--group", paramLabel = "GROUP", description = "A group of the user (repeatable).")
    List<String> groups = List.of();

    @Option(names = "--uid", paramLabel = "UID", description = "The user's uid (default: the user name).")
    String uid;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "How long the token is valid, e.g. 24h (default: until revoked).")
    String ttl;

    @Option(names = "--description", paramLabel = "TEXT", description = "What the token is for, shown by orc token list.")
    String description;

    @Override
    public Integer call() {
        if (who.node != null && (!groups.isEmpty() || uid != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--group and --uid go with --user, not --node");
        }
        Optional<Instant> expires = Optional.ofNullable(ttl).map(Durations::parse).map(this::positive)
                .map(Instant.now()::plus);
        String text = IssuedToken.generate(new SecureRandom());
        String id = IssuedToken.idOf(text).orElseThrow();
        IssuedToken token = who.node != null ? IssuedToken.forNode(id, who.node, expires)
                : new IssuedToken(id, who.user, uid != null ? uid : who.user, groups, expires, "");
        if (description != null) {
            token = token.withDescription(description);
        }
        client.client().create(ResourceTypes.SECRET, IssuedToken.NAMESPACE, (ObjectNode) Json.tree(token.toSecret(text)),
                WriteOptions.defaults());
        spec.commandLine().getOut().println(text);
        return 0;
    }

    private Duration positive(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ttl must be positive, got " + ttl);
        }
        return duration;
    }
}
