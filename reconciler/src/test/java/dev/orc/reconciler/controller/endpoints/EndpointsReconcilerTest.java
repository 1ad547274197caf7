package dev.orc.reconciler.controller.endpoints;

import dev.orc.api.cache.ObjectKey;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.IntOrString;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Service;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.orc.reconciler.controller.endpoints.Fixtures.pod;
import static dev.orc.reconciler.controller.endpoints.Fixtures.port;
import static dev.orc.reconciler.controller.endpoints.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointsReconcilerTest {
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<Pod> pods = new ArrayList<>();
    private final Map<String, Endpoints> endpoints = new LinkedHashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final EndpointsReconciler reconciler = new EndpointsReconciler(new MapInputs(), new RecordingWriter());

    @Test
    void createsThenKeepsStill() throws Exception {
        services.put("web", service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080))));
        pods.add(pod("web-1").port("http", 8080, 32001).build());

        reconciler.reconcile(new ObjectKey("default", "web"));
        reconciler.reconcile(new ObjectKey("default", "web"));

        assertThat(writes).containsExactly("create default/web 10.0.0.1:32001");
    }

    @Test
    void podStoppingRemovesItsAddress() throws Exception {
        services.put("web", service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080))));
        pods.add(pod("web-1").port("http", 8080, 32001).build());
        reconciler.reconcile(new ObjectKey("default", "web"));

        pods.clear();
        reconciler.reconcile(new ObjectKey("default", "web"));

        assertThat(writes).containsExactly("create default/web 10.0.0.1:32001", "update default/web ");
    }

    @Test
    void serviceGoneDeletesEndpoints() throws Exception {
        services.put("web", service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(8080))));
        reconciler.reconcile(new ObjectKey("default", "web"));

        services.clear();
        reconciler.reconcile(new ObjectKey("default", "web"));
        reconciler.reconcile(new ObjectKey("default", "web"));

        assertThat(writes).containsExactly("create default/web ", "delete default/web");
    }

    private static String describe(String verb, Endpoints e) {
        StringBuilder out = new StringBuilder(verb + " " + e.namespace() + "/" + e.name() + " ");
        e.subsets().forEach(s -> s.addresses().forEach(a -> out.append(a.ip()).append(':').append(s.ports().get(0).port())));
        return out.toString();
    }

    private final class MapInputs implements EndpointsInputs {
        @Override
        public Optional<Service> service(String namespace, String name) {
            return Optional.ofNullable(services.get(name));
        }

        @Override
        public List<Service> services(String namespace) {
            return List.copyOf(services.values());
        }

        @Override
        public List<Pod> pods(String namespace) {
            return List.copyOf(pods);
        }

        @Override
        public Optional<Endpoints> endpoints(String namespace, String name) {
            return Optional.ofNullable(endpoints.get(name));
        }
    }

    private final class RecordingWriter implements EndpointsWriter {
        @Override
        public void create(Endpoints e) {
            writes.add(describe("create", e));
            endpoints.put(e.name(), e.withMetadata(e.metadata().withResourceVersion("1")));
        }

        @Override
        public void update(Endpoints e) {
            writes.add(describe("update", e));
            endpoints.put(e.name(), e);
        }

        @Override
        public void delete(String namespace, String name) {
            writes.add("delete " + namespace + "/" + name);
            endpoints.remove(name);
        }
    }
}
