package dev.orc.cli.e2e.incluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.function.Supplier;

/**
 * What runs in the pod of {@code ServiceAccountsE2E}: the fabric8 client configured as any in-cluster client is
 * ({@link Config#autoConfigure}: the service-account files and {@code KUBERNETES_SERVICE_HOST/PORT}), listing the pods
 * of its namespace, then trying what its role lacks. Prints one line per call for the test to read in the pod's log.
 */
public final class InClusterClient {
    private InClusterClient() {
    }

    public static void main(String[] args) {
        Config config = Config.autoConfigure(null);
        String namespace = config.getNamespace();
        System.out.println("server " + config.getMasterUrl() + " namespace " + namespace);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            report("list pods", () -> client.pods().inNamespace(namespace).list().getItems().size() + " pods");
            Pod pod = new PodBuilder().withNewMetadata().withName("made-in-cluster").endMetadata().withNewSpec()
                    .addNewContainer().withName("c").withImage("orc/busybox:1").endContainer().endSpec().build();
            report("create pod", () -> client.pods().inNamespace(namespace).resource(pod).create().getMetadata().getName());
            report("list secrets", () -> client.secrets().inNamespace(namespace).list().getItems().size() + " secrets");
        }
    }

    private static void report(String call, Supplier<String> result) {
        try {
            System.out.println(call + ": ok " + result.get());
        } catch (KubernetesClientException e) {
            System.out.println(call + ": refused " + e.getCode());
        }
    }
}
