package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.ContainerSpec;
import dev.orc.node.runtime.Mount;
import dev.orc.node.runtime.PortMapping;
import dev.orc.node.runtime.Resources;
import dev.orc.node.runtime.Security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fills docker-java's create command from a {@link ContainerSpec}. */
final class CreateContainerMapping {

    private CreateContainerMapping() {
    }

    static CreateContainerCmd apply(ContainerSpec spec, CreateContainerCmd cmd) {
        cmd.withName(spec.name()).withLabels(spec.labels());
        if (!spec.entrypoint().isEmpty()) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (!spec.env().isEmpty()) {
            cmd.withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
        if (!spec.workingDir().isEmpty()) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (!spec.hostname().isEmpty()) {
            cmd.withHostName(spec.hostname());
        }
        if (!spec.security().user().isEmpty()) {
            cmd.withUser(spec.security().user());
        }
        Set<ExposedPort> exposed = new LinkedHashSet<>();
        Ports bindings = new Ports();
        for (PortMapping port : spec.ports()) {
            ExposedPort exposedPort = new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol().lowerCase()));
            exposed.add(exposedPort);
            bindings.bind(exposedPort, new Ports.Binding(port.hostIp(), port.hostPort() == 0 ? "" : String.valueOf(port.hostPort())));
        }
        if (!exposed.isEmpty()) {
            cmd.withExposedPorts(new ArrayList<>(exposed));
        }
        return cmd.withHostConfig(hostConfig(spec, bindings));
    }

    private static HostConfig hostConfig(ContainerSpec spec, Ports bindings) {
        HostConfig host = HostConfig.newHostConfig().withNetworkMode(spec.networkMode().value());
        if (!spec.ports().isEmpty()) {
            host.withPortBindings(bindings);
        }
        Resources r = spec.resources();
        if (r.memoryBytes() > 0) {
            host.withMemory(r.memoryBytes()).withMemorySwap(r.memoryBytes());
        }
        if (r.nanoCpus() > 0) {
            host.withNanoCPUs(r.nanoCpus());
        }
        if (r.pidsLimit() > 0) {
            host.withPidsLimit(r.pidsLimit());
        }
        List<Bind> binds = new ArrayList<>();
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (Mount mount : spec.mounts()) {
            switch (mount) {
                case Mount.Bind b -> binds.add(new Bind(b.hostPath(), new Volume(b.containerPath()),
                        b.readOnly() ? AccessMode.ro : AccessMode.rw));
                case Mount.Tmpfs t -> tmpfs.put(t.containerPath(), t.sizeBytes() > 0 ? "size=" + t.sizeBytes() : "");
            }
        }
        if (!binds.isEmpty()) {
            host.withBinds(binds);
        }
        if (!tmpfs.isEmpty()) {
            host.withTmpFs(tmpfs);
        }
        if (!spec.dnsServers().isEmpty()) {
            host.withDns(spec.dnsServers());
        }
        if (!spec.dnsSearch().isEmpty()) {
            host.withDnsSearch(spec.dnsSearch());
        }
        if (!spec.dnsOptions().isEmpty()) {
            host.withDnsOptions(spec.dnsOptions());
        }
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
        }
        return security(spec.security(), host);
    }

    /**
     * The confinement of the container's process: groups, a read-only root, {@code no-new-privileges}, capabilities
     * (Docker drops before it adds, as Kubernetes means them), an unconfined seccomp, privileged.
     */
    private static HostConfig security(Security security, HostConfig host) {
        if (!security.groupAdd().isEmpty()) {
            host.withGroupAdd(security.groupAdd().stream().map(String::valueOf).toList());
        }
        if (security.readOnlyRootFilesystem()) {
            host.withReadonlyRootfs(true);
        }
        List<String> options = new ArrayList<>();
        if (security.noNewPrivileges()) {
            options.add("no-new-privileges");
        }
        if (security.seccompUnconfined()) {
            options.add("seccomp=unconfined");
        }
        if (!options.isEmpty()) {
            host.withSecurityOpts(options);
        }
        if (!security.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(security.capAdd()));
        }
        if (!security.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(security.capDrop()));
        }
        if (security.privileged()) {
            host.withPrivileged(true);
        }
        return host;
    }

    private static Capability[] capabilities(List<String> names) {
        return names.stream().map(name -> {
            try {
                return Capability.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ContainerRuntimeException("unknown capability '" + name + "'", e);
            }
        }).toArray(Capability[]::new);
    }
}
