package dev.orc.node.proxy;

import dev.orc.api.model.EnvVar;
import dev.orc.api.model.Service;
import dev.orc.api.model.ServicePort;
import dev.orc.api.model.ServiceSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The variables Kubernetes gives a container for each Service of its namespace that has a cluster IP and
 * exists when the container starts: {@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT},
 * {@code WEB_SERVICE_PORT_HTTP}, {@code WEB_PORT=tcp://10.96.0.5:80} and, per port, {@code WEB_PORT_80_TCP},
 * {@code _PROTO}, {@code _PORT}, {@code _ADDR} (the Docker-links style).
 */
public final class ServiceEnvironment {
    private ServiceEnvironment() {
    }

    /** The variables for {@code services} (those of the pod's namespace), services in name order. */
    public static List<EnvVar> of(List<Service> services) {
        List<EnvVar> env = new ArrayList<>();
        services.stream()
                .filter(ServiceEnvironment::hasClusterIP)
                .sorted(Comparator.comparing(Service::name))
                .forEach(service -> add(env, service));
        return List.copyOf(env);
    }

    private static void add(List<EnvVar> env, Service service) {
        String prefix = variableName(service.name());
        String ip = service.spec().clusterIP();
        env.add(EnvVar.of(prefix + "_SERVICE_HOST", ip));
        List<ServicePort> ports = service.spec().ports().stream().filter(p -> p.port() != null).toList();
        if (ports.isEmpty()) {
            return;
        }
        ServicePort first = ports.get(0);
        env.add(EnvVar.of(prefix + "_SERVICE_PORT", first.port().toString()));
        for (ServicePort port : ports) {
            if (port.name() != null && !port.name().isEmpty()) {
                env.add(EnvVar.of(prefix + "_SERVICE_PORT_" + variableName(port.name()), port.port().toString()));
            }
        }
        env.add(EnvVar.of(prefix + "_PORT", url(first, ip)));
        for (ServicePort port : ports) {
            String protocol = protocol(port);
            String link = prefix + "_PORT_" + port.port() + "_" + protocol.toUpperCase(Locale.ROOT);
            env.add(EnvVar.of(link, url(port, ip)));
            env.add(EnvVar.of(link + "_PROTO", protocol));
            env.add(EnvVar.of(link + "_PORT", port.port().toString()));
            env.add(EnvVar.of(link + "_ADDR", ip));
        }
    }

    private static boolean hasClusterIP(Service service) {
        ServiceSpec spec = service.spec();
        return spec != null && spec.clusterIP() != null && !spec.clusterIP().isEmpty() && !spec.headless()
                && !ServiceSpec.EXTERNAL_NAME.equals(spec.type());
    }

    private static String url(ServicePort port, String ip) {
        return protocol(port) + "://" + ip + ":" + port.port();
    }

    private static String protocol(ServicePort port) {
        return (port.protocol() == null ? "TCP" : port.protocol()).toLowerCase(Locale.ROOT);
    }

    /** {@code redis-leader} becomes {@code REDIS_LEADER}. */
    static String variableName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
