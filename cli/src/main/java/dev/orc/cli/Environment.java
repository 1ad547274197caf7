package dev.orc.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What the commands read from outside the command line: env variables, the home directory, stdin and the time. */
record Environment(Map<String, String> env, Path home, InputStream stdin, Clock clock) {
    Environment {
        env = Map.copyOf(env);
    }

    static Environment system() {
        return new Environment(System.getenv(), Home.of(System.getenv()), System.in, Clock.systemUTC());
    }
}
