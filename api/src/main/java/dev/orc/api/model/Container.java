package dev.orc.api.model;

import java.util.List;

/** One container of a pod, with what Kubernetes users commonly write. */
public record Container(
        String name,
        String image,
        @OmitEmpty List<String> command,
        @OmitEmpty List<String> args,
        String workingDir,
        @OmitEmpty List<ContainerPort> ports,
        @OmitEmpty List<EnvFromSource> envFrom,
        @OmitEmpty List<EnvVar> env,
        ResourceRequirements resources,
        @OmitEmpty List<VolumeMount> volumeMounts,
        Probe livenessProbe,
        Probe readinessProbe,
        Probe startupProbe,
        String imagePullPolicy,
        Boolean stdin,
        Boolean stdinOnce,
        Boolean tty,
        SecurityContext securityContext) {
    public static final String PULL_ALWAYS = "Always";
    public static final String PULL_IF_NOT_PRESENT = "IfNotPresent";
    public static final String PULL_NEVER = "Never";

    public Container {
        command = Immutable.list(command);
        args = Immutable.list(args);
        ports = Immutable.list(ports);
        envFrom = Immutable.list(envFrom);
        env = Immutable.list(env);
        volumeMounts = Immutable.list(volumeMounts);
    }

    public static Container of(String name, String image) {
        return new Container(name, image, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The container's own security settings, never null. */
    public SecurityContext securityContextOrEmpty() {
        return securityContext == null ? SecurityContext.NONE : securityContext;
    }

    public Container withSecurityContext(SecurityContext securityContext) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts,
                livenessProbe, readinessProbe, startupProbe, imagePullPolicy, stdin, stdinOnce, tty, securityContext);
    }

    /** Resources, never null. */
    public ResourceRequirements resourcesOrEmpty() {
        return resources == null ? new ResourceRequirements(null, null) : resources;
    }

    public Container withImage(String image) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts,
                livenessProbe, readinessProbe, startupProbe, imagePullPolicy, stdin, stdinOnce, tty,
                securityContext);
    }

    public Container withResources(ResourceRequirements resources) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts,
                livenessProbe, readinessProbe, startupProbe, imagePullPolicy, stdin, stdinOnce, tty,
                securityContext);
    }

    public Container withPorts(List<ContainerPort> ports) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts,
                livenessProbe, readinessProbe, startupProbe, imagePullPolicy, stdin, stdinOnce, tty,
                securityContext);
    }

    public Container withEnv(List<EnvVar> env) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts,
                livenessProbe, readinessProbe, startupProbe, imagePullPolicy, stdin, stdinOnce, tty,
                securityContext);
    }

    public Container withCommand(List<String> command, List<String> args) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts,
                livenessProbe, readinessProbe, startupProbe, imagePullPolicy, stdin, stdinOnce, tty,
                securityContext);
    }

    public Container withProbes(Probe livenessProbe, Probe readinessProbe, Probe startupProbe) {
        return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, volumeMounts,
                livenessProbe, readinessProbe, startupProbe, imagePullPolicy, stdin, stdinOnce, tty,
                securityContext);
    }
}
