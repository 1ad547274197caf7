package dev.orc.node.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The iptables commands kernel forwarding needs, run through a {@link CommandRunner}: a whole ruleset applied in
 * one {@code iptables-restore --noflush} (atomic per table, other chains untouched), the chains of a table that
 * start with a prefix, and the jump rules from the built-in chains, added once and deleted by exact match.
 * Every command waits at most {@value #LOCK_WAIT_SECONDS} s for the xtables lock.
 */
final class Iptables {
    static final String LOCK_WAIT_SECONDS = "5";

    /** A rule in a built-in chain that jumps to one of orc's chains. */
    record Jump(String table, String chain, List<String> match, String target) {
        Jump {
            match = List.copyOf(match);
        }

        List<String> spec() {
            List<String> spec = new ArrayList<>(match);
            spec.addAll(List.of("-j", target));
            return spec;
        }
    }

    private final CommandRunner commands;

    Iptables(CommandRunner commands) {
        this.commands = commands;
    }

    /** Empty when iptables can change the nat table here, else why not (absent, no privilege, no nat support). */
    Optional<String> unusable() {
        CommandRunner.Outcome list = commands.run(List.of("iptables", "-w", LOCK_WAIT_SECONDS, "-t", "nat", "-S", "OUTPUT"));
        if (!list.ok()) {
            return Optional.of(list.output().isEmpty() ? "iptables exited with " + list.exitCode() : list.output());
        }
        CommandRunner.Outcome restore = commands.run(List.of("iptables-restore", "--version"));
        return restore.ok() ? Optional.empty() : Optional.of("iptables-restore: " + restore.output());
    }

    void restore(String rules) {
        Path file;
        try {
            file = Files.createTempFile("orc-iptables-", ".rules");
            Files.writeString(file, rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rules for iptables-restore", e);
        }
        try {
            CommandRunner.Outcome outcome = commands.run(List.of("iptables-restore", "-w", LOCK_WAIT_SECONDS,
                    "--noflush", file.toString()));
            if (!outcome.ok()) {
                throw new IllegalStateException("iptables-restore failed: " + outcome.output());
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** The chains of {@code table} whose names start with {@code prefix}. */
    List<String> chains(String table, String prefix) {
        CommandRunner.Outcome saved = commands.run(List.of("iptables-save", "-t", table));
        if (!saved.ok()) {
            throw new IllegalStateException("iptables-save -t " + table + " failed: " + saved.output());
        }
        return saved.output().lines()
                .filter(line -> line.startsWith(":" + prefix))
                .map(line -> line.substring(1, line.indexOf(' ')))
                .toList();
    }

    /** Inserts {@code jump} at the top of its chain unless it is there already. */
    void ensure(Jump jump) {
        if (!run(jump, "-C").ok()) {
            CommandRunner.Outcome inserted = run(jump, "-I");
            if (!inserted.ok()) {
                throw new IllegalStateException("cannot add the jump to " + jump.target() + " in " + jump.table() + " "
                        + jump.chain() + ": " + inserted.output());
            }
        }
    }

    /** Deletes {@code jump}; false when it was not there. */
    boolean delete(Jump jump) {
        return run(jump, "-D").ok();
    }

    private CommandRunner.Outcome run(Jump jump, String operation) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", LOCK_WAIT_SECONDS, "-t", jump.table(),
                operation, jump.chain()));
        command.addAll(jump.spec());
        return commands.run(command);
    }
}
