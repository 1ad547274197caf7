package dev.orc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code orc version}: the client's version and the Java it runs on. */
@Command(name = "version", description = "Print the version of orc.")
public final class VersionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static String version() {
        String v = Orc.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().printf("orc %s (Java %s)%n", version(), Runtime.version());
        return 0;
    }

    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"orc " + version()};
        }
    }
}
