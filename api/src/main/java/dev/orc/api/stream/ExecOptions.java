package dev.orc.api.stream;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an exec or attach asks for, as the query of {@code pods/NAME/exec} carries it: {@code command} (repeated, exec
 * only), {@code container}, and the streams {@code stdin}, {@code stdout}, {@code stderr}, {@code tty}. With a TTY
 * stderr is merged into stdout, as Docker and the kubelet do.
 */
public record ExecOptions(List<String> command, Optional<String> container, boolean stdin, boolean stdout,
                          boolean stderr, boolean tty) {
    public ExecOptions {
        command = List.copyOf(command);
        if (tty && stderr) {
            stderr = false;
        }
    }

    /** An exec's options from its query; a missing command or a malformed flag is an error naming the parameter. */
    public static ExecOptions exec(Map<String, List<String>> query) {
        List<String> command = query.getOrDefault("command", List.of());
        if (command.isEmpty() || command.getFirst().isEmpty()) {
            throw new IllegalArgumentException("query parameter \"command\" is required: the program to run and its"
                    + " arguments, one parameter each");
        }
        return parse(command, query);
    }

    /** An attach's options from its query: the streams and the container, no command. */
    public static ExecOptions attach(Map<String, List<String>> query) {
        if (query.containsKey("command")) {
            throw new IllegalArgumentException("query parameter \"command\" is not allowed: attach joins the"
                    + " container's own process");
        }
        return parse(List.of(), query);
    }

    private static ExecOptions parse(List<String> command, Map<String, List<String>> query) {
        Optional<String> container = Optional.ofNullable(single(query, "container")).filter(c -> !c.isEmpty());
        boolean stdin = flag(query, "stdin");
        boolean stdout = flag(query, "stdout");
        boolean stderr = flag(query, "stderr");
        boolean tty = flag(query, "tty");
        if (!stdin && !stdout && !stderr) {
            throw new IllegalArgumentException("at least one of query parameters \"stdin\", \"stdout\" and \"stderr\""
                    + " must be true");
        }
        return new ExecOptions(command, container, stdin, stdout, stderr, tty);
    }

    /** The query that asks for these options (with a leading {@code ?}), as clients send it. */
    public String toQuery() {
        StringBuilder query = new StringBuilder();
        for (String argument : command) {
            append(query, "command", argument);
        }
        container.ifPresent(c -> append(query, "container", c));
        append(query, "stdin", Boolean.toString(stdin));
        append(query, "stdout", Boolean.toString(stdout));
        append(query, "stderr", Boolean.toString(stderr));
        append(query, "tty", Boolean.toString(tty));
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new IllegalArgumentException("query parameter \"" + name + "\" may be given once, not "
                    + values.size() + " times");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    private static boolean flag(Map<String, List<String>> query, String name) {
        String value = single(query, name);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true", "1", "" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("query parameter \"" + name + "\" must be true or false, not \""
                    + value + "\"");
        };
    }
}
