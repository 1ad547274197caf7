package dev.orc.cli;

import java.nio.file.Path;
import java.util.Map;

/** The user's home directory: {@code $HOME} as the shell and kubectl take it, else the JVM's {@code user.home}. */
public final class Home {
    private Home() {
    }

    public static Path of(Map<String, String> env) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"));
    }
}
