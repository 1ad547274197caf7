package dev.orc.node.pod;

import dev.orc.api.model.Container;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.EnvVarSource;
import dev.orc.api.model.Pod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as Kubernetes builds it: the Service variables of its namespace, overridden by its
 * own variables: literal values, fieldRef values of the pod,
 * ConfigMap and Secret keys through a {@link ConfigSource}, and {@code $(VAR)} references to variables
 * defined earlier (also expanded in command and args; {@code $$} escapes).
 */
public final class PodEnv {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Pattern MAP_FIELD = Pattern.compile("metadata\\.(labels|annotations)\\['([^']+)'\\]");

    private final ConfigSource config;

    public PodEnv(ConfigSource config) {
        this.config = config;
    }

    public Map<String, String> resolve(Pod pod, Container container, String podIP, String hostIP,
                                       List<EnvVar> serviceVariables) {
        Map<String, String> env = new LinkedHashMap<>();
        serviceVariables.forEach(var -> env.put(var.name(), var.value()));
        for (EnvVar var : container.env()) {
            Optional<String> value = var.valueFrom() == null
                    ? Optional.of(expand(var.value() == null ? "" : var.value(), env))
                    : fromSource(pod, container, var, podIP, hostIP);
            value.ifPresent(v -> env.put(var.name(), v));
        }
        return env;
    }

    /** Expands {@code $(VAR)} in each item with the container's environment. */
    public static List<String> expandAll(List<String> items, Map<String, String> env) {
        return items.stream().map(item -> expand(item, env)).toList();
    }

    static String expand(String text, Map<String, String> env) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) == null ? "\\$" : Matcher.quoteReplacement(
                    env.getOrDefault(m.group(1), m.group()));
            m.appendReplacement(out, replacement);
        }
        m.appendTail(out);
        return out.toString();
    }

    private Optional<String> fromSource(Pod pod, Container container, EnvVar var, String podIP, String hostIP) {
        EnvVarSource source = var.valueFrom();
        if (source.fieldRef() != null) {
            return Optional.of(field(pod, var.name(), source.fieldRef().fieldPath(), podIP, hostIP));
        }
        String namespace = pod.metadata().namespace();
        if (source.configMapKeyRef() != null) {
            return required(config.configMapKey(namespace, source.configMapKeyRef().name(), source.configMapKeyRef().key()),
                    source.configMapKeyRef(), "configmap", container);
        }
        if (source.secretKeyRef() != null) {
            return required(config.secretKey(namespace, source.secretKeyRef().name(), source.secretKeyRef().key()),
                    source.secretKeyRef(), "secret", container);
        }
        throw new ContainerConfigException("env " + var.name() + " of container " + container.name()
                + ": resourceFieldRef is not supported yet");
    }

    private static Optional<String> required(Optional<String> value, EnvVarSource.KeyRef ref, String kind,
                                             Container container) {
        if (value.isEmpty() && !Boolean.TRUE.equals(ref.optional())) {
            throw new ContainerConfigException("couldn't find key " + ref.key() + " in " + kind + " " + ref.name()
                    + " (container " + container.name() + ")");
        }
        return value;
    }

    private static String field(Pod pod, String var, String path, String podIP, String hostIP) {
        String value = switch (path == null ? "" : path) {
            case "metadata.name" -> pod.metadata().name();
            case "metadata.namespace" -> pod.metadata().namespace();
            case "metadata.uid" -> pod.metadata().uid();
            case "spec.nodeName" -> pod.spec().nodeName();
            case "spec.serviceAccountName" -> pod.spec().serviceAccountName();
            case "status.podIP" -> podIP;
            case "status.hostIP" -> hostIP;
            default -> mapField(pod, var, path);
        };
        return value == null ? "" : value;
    }

    private static String mapField(Pod pod, String var, String path) {
        Matcher m = MAP_FIELD.matcher(path == null ? "" : path);
        if (!m.matches()) {
            throw new ContainerConfigException("env " + var + ": unsupported fieldRef fieldPath '" + path
                    + "' (supported: metadata.name, metadata.namespace, metadata.uid, metadata.labels['k'],"
                    + " metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.podIP, status.hostIP)");
        }
        Map<String, String> map = m.group(1).equals("labels") ? pod.metadata().labels() : pod.metadata().annotations();
        return map.getOrDefault(m.group(2), "");
    }
}
