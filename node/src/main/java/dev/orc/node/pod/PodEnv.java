package dev.orc.node.pod;

import dev.orc.node.config.ContainerConfigException;
import dev.orc.node.config.ConfigSource;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Container;
import dev.orc.api.model.EnvFromSource;
import dev.orc.api.model.EnvVar;
import dev.orc.api.model.EnvVarSource;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as Kubernetes builds it: first the Service variables of its namespace, then every key
 * of the {@code envFrom} ConfigMaps and Secrets (with their prefix; keys that are no valid variable name are left
 * out), then {@code env}: literal values, fieldRef values of the pod, ConfigMap and Secret keys through a
 * {@link ConfigSource}, and {@code $(VAR)} references to variables defined earlier, the Service variables among
 * them (also expanded in command and args; {@code $$} escapes). Each step overrides the variables of the ones
 * before. A missing ConfigMap, Secret or key that is not optional is a {@link ContainerConfigException}.
 */
public final class PodEnv {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern MAP_FIELD = Pattern.compile("metadata\\.(labels|annotations)\\['([^']+)'\\]");

    private static final String POD_IP = "status.podIP";

    private final ConfigSource config;

    public PodEnv(ConfigSource config) {
        this.config = config;
    }

    public Map<String, String> resolve(Pod pod, Container container, String podIP, String hostIP,
                                       List<EnvVar> serviceVariables) {
        Map<String, String> env = new LinkedHashMap<>();
        serviceVariables.forEach(var -> env.put(var.name(), var.value()));
        for (EnvFromSource from : container.envFrom()) {
            env.putAll(envFrom(pod.metadata().namespace(), from));
        }
        for (EnvVar var : container.env()) {
            Optional<String> value = var.valueFrom() == null
                    ? Optional.of(expand(var.value() == null ? "" : var.value(), env))
                    : fromSource(pod, container, var, podIP, hostIP);
            value.ifPresent(v -> env.put(var.name(), v));
        }
        return env;
    }

    /** Whether the container's environment takes the pod's address ({@code fieldRef status.podIP}). */
    public static boolean usesPodIP(Container container) {
        return container.env().stream().anyMatch(var -> var.valueFrom() != null && var.valueFrom().fieldRef() != null
                && POD_IP.equals(var.valueFrom().fieldRef().fieldPath()));
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
            EnvVarSource.KeyRef ref = source.configMapKeyRef();
            Optional<ConfigMap> map = config.configMap(namespace, ref.name());
            if (map.isEmpty()) {
                return missing(ref, "configmap \"" + ref.name() + "\" not found");
            }
            return required(ConfigSource.bytes(map.get(), ref.key()).map(PodEnv::text), ref,
                    "couldn't find key " + ref.key() + " in ConfigMap " + namespace + "/" + ref.name());
        }
        if (source.secretKeyRef() != null) {
            EnvVarSource.KeyRef ref = source.secretKeyRef();
            Optional<Secret> secret = config.secret(namespace, ref.name());
            if (secret.isEmpty()) {
                return missing(ref, "secret \"" + ref.name() + "\" not found");
            }
            return required(secret.get().value(ref.key()).map(PodEnv::text), ref,
                    "couldn't find key " + ref.key() + " in Secret " + namespace + "/" + ref.name());
        }
        throw new ContainerConfigException("env " + var.name() + " of container " + container.name()
                + ": resourceFieldRef is not supported yet");
    }

    private Map<String, String> envFrom(String namespace, EnvFromSource from) {
        String prefix = from.prefix() == null ? "" : from.prefix();
        Map<String, byte[]> values = new LinkedHashMap<>();
        if (from.configMapRef() != null) {
            EnvFromSource.Ref ref = from.configMapRef();
            Optional<ConfigMap> map = config.configMap(namespace, ref.name());
            if (map.isEmpty()) {
                return missingAll(ref, "configmap \"" + ref.name() + "\" not found");
            }
            map.get().data().keySet().forEach(k -> values.put(k, ConfigSource.bytes(map.get(), k).orElseThrow()));
            map.get().binaryData().keySet().forEach(k -> values.putIfAbsent(k, ConfigSource.bytes(map.get(), k).orElseThrow()));
        } else if (from.secretRef() != null) {
            EnvFromSource.Ref ref = from.secretRef();
            Optional<Secret> secret = config.secret(namespace, ref.name());
            if (secret.isEmpty()) {
                return missingAll(ref, "secret \"" + ref.name() + "\" not found");
            }
            secret.get().data().keySet().forEach(k -> values.put(k, secret.get().value(k).orElseThrow()));
            secret.get().stringData().keySet().forEach(k -> values.put(k, secret.get().value(k).orElseThrow()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (ENV_NAME.matcher(prefix + key).matches()) {
                env.put(prefix + key, text(value));
            }
        });
        return env;
    }

    private static Map<String, String> missingAll(EnvFromSource.Ref ref, String message) {
        if (Boolean.TRUE.equals(ref.optional())) {
            return Map.of();
        }
        throw new ContainerConfigException(message);
    }

    private static Optional<String> missing(EnvVarSource.KeyRef ref, String message) {
        return required(Optional.empty(), ref, message);
    }

    private static Optional<String> required(Optional<String> value, EnvVarSource.KeyRef ref, String message) {
        if (value.isEmpty() && !Boolean.TRUE.equals(ref.optional())) {
            throw new ContainerConfigException(message);
        }
        return value;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String field(Pod pod, String var, String path, String podIP, String hostIP) {
        String value = switch (path == null ? "" : path) {
            case "metadata.name" -> pod.metadata().name();
            case "metadata.namespace" -> pod.metadata().namespace();
            case "metadata.uid" -> pod.metadata().uid();
            case "spec.nodeName" -> pod.spec().nodeName();
            case "spec.serviceAccountName" -> pod.spec().serviceAccountName();
            case POD_IP -> podIP;
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
