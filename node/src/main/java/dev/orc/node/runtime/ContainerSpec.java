package dev.orc.node.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything needed to create a container. Empty entrypoint or command means the image's own.
 * Built with {@link #builder(String, String)}.
 *
 * @param entrypoint replaces the image's ENTRYPOINT (Kubernetes' {@code command})
 * @param command replaces the image's CMD (Kubernetes' {@code args})
 * @param workingDir empty for the image's own
 * @param dnsOptions resolv.conf {@code options}, e.g. {@code ndots:5}
 * @param extraHosts {@code host:ip} entries added to /etc/hosts
 * @param hostname the container's hostname; empty for the runtime's default (Docker: the short container id)
 * @param security the user, groups, capabilities and other confinement of the container's process
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> command,
        Map<String, String> env,
        String workingDir,
        Map<String, String> labels,
        NetworkMode networkMode,
        List<PortMapping> ports,
        Resources resources,
        List<Mount> mounts,
        List<String> dnsServers,
        List<String> dnsSearch,
        List<String> dnsOptions,
        List<String> extraHosts,
        String hostname,
        Security security) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("container name must match " + NAME + ", got '" + name + "'");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("container '" + name + "' needs an image");
        }
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        env = ordered(env);
        workingDir = workingDir == null ? "" : workingDir;
        labels = ordered(labels);
        Objects.requireNonNull(networkMode, "networkMode");
        ports = List.copyOf(ports);
        Objects.requireNonNull(resources, "resources");
        mounts = List.copyOf(mounts);
        dnsServers = List.copyOf(dnsServers);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOptions = List.copyOf(dnsOptions);
        extraHosts = List.copyOf(extraHosts);
        hostname = hostname == null ? "" : hostname;
        Objects.requireNonNull(security, "security");
        if (networkMode.joinsContainer() && !ports.isEmpty()) {
            throw new IllegalArgumentException("container '" + name + "' joins " + networkMode
                    + " and so cannot publish ports; publish them on the joined container");
        }
        if (networkMode.joinsContainer() && !(dnsServers.isEmpty() && dnsSearch.isEmpty() && dnsOptions.isEmpty())) {
            throw new IllegalArgumentException("container '" + name + "' joins " + networkMode
                    + " and so shares its resolv.conf; set DNS servers and search domains on the joined container");
        }
        if (networkMode.joinsContainer() && !hostname.isEmpty()) {
            throw new IllegalArgumentException("container '" + name + "' joins " + networkMode
                    + " and so shares its hostname; set the hostname on the joined container");
        }
    }

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    public Builder toBuilder() {
        return new Builder(name, image).entrypoint(entrypoint).command(command).env(env).workingDir(workingDir)
                .labels(labels).networkMode(networkMode).ports(ports).resources(resources).mounts(mounts)
                .dnsServers(dnsServers).dnsSearch(dnsSearch).dnsOptions(dnsOptions).extraHosts(extraHosts)
                .hostname(hostname).security(security);
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Collects a {@link ContainerSpec}; every list and map replaces what was set before unless named add/put. */
    public static final class Builder {
        private final String name;
        private final String image;
        private List<String> entrypoint = List.of();
        private List<String> command = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String workingDir = "";
        private final Map<String, String> labels = new LinkedHashMap<>();
        private NetworkMode networkMode = NetworkMode.bridge();
        private final List<PortMapping> ports = new ArrayList<>();
        private Resources resources = Resources.UNLIMITED;
        private final List<Mount> mounts = new ArrayList<>();
        private List<String> dnsServers = List.of();
        private List<String> dnsSearch = List.of();
        private List<String> dnsOptions = List.of();
        private List<String> extraHosts = List.of();
        private String hostname = "";
        private Security security = Security.DEFAULT;

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder entrypoint(List<String> entrypoint) {
            this.entrypoint = List.copyOf(entrypoint);
            return this;
        }

        public Builder command(List<String> command) {
            this.command = List.copyOf(command);
            return this;
        }

        public Builder command(String... command) {
            return command(List.of(command));
        }

        public Builder env(Map<String, String> env) {
            this.env.clear();
            this.env.putAll(env);
            return this;
        }

        public Builder putEnv(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder workingDir(String workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels.clear();
            this.labels.putAll(labels);
            return this;
        }

        public Builder putLabel(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder networkMode(NetworkMode networkMode) {
            this.networkMode = networkMode;
            return this;
        }

        public Builder ports(List<PortMapping> ports) {
            this.ports.clear();
            this.ports.addAll(ports);
            return this;
        }

        public Builder addPort(PortMapping port) {
            ports.add(port);
            return this;
        }

        public Builder resources(Resources resources) {
            this.resources = resources;
            return this;
        }

        public Builder mounts(List<Mount> mounts) {
            this.mounts.clear();
            this.mounts.addAll(mounts);
            return this;
        }

        public Builder addMount(Mount mount) {
            mounts.add(mount);
            return this;
        }

        public Builder dnsServers(List<String> dnsServers) {
            this.dnsServers = List.copyOf(dnsServers);
            return this;
        }

        public Builder dnsSearch(List<String> dnsSearch) {
            this.dnsSearch = List.copyOf(dnsSearch);
            return this;
        }

        public Builder dnsOptions(List<String> dnsOptions) {
            this.dnsOptions = List.copyOf(dnsOptions);
            return this;
        }

        public Builder extraHosts(List<String> extraHosts) {
            this.extraHosts = List.copyOf(extraHosts);
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder security(Security security) {
            this.security = security;
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(name, image, entrypoint, command, env, workingDir, labels, networkMode,
                    ports, resources, mounts, dnsServers, dnsSearch, dnsOptions, extraHosts, hostname, security);
        }
    }
}
