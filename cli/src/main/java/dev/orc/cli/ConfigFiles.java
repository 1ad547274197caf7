package dev.orc.cli;

import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.Kubeconfig;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

/** The client config files of a command's environment ({@code $ORC_CONFIG}, {@code $KUBECONFIG} or {@code ~/.orc/config}). */
record ConfigFiles(List<Path> files) {
    ConfigFiles {
        files = List.copyOf(files);
    }

    static ConfigFiles of(CommandLine.Model.CommandSpec spec) {
        Environment environment = ((Orc) spec.root().userObject()).environment();
        return new ConfigFiles(ClientConfig.locations(environment.env(), environment.home()));
    }

    /** The files merged, as the client reads them. */
    Kubeconfig merged() {
        return ClientConfig.merged(files);
    }

    /** The file a change is written to, as kubectl writes: the first. */
    Path first() {
        return files.getFirst();
    }
}
