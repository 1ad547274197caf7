package dev.orc.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ApiException;
import dev.orc.api.client.DeleteOptions;
import dev.orc.api.client.ListOptions;
import dev.orc.api.client.PatchType;
import dev.orc.api.client.WatchEvent;
import dev.orc.api.client.WatchHandle;
import dev.orc.api.client.WatchListener;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.Condition;
import dev.orc.api.model.ConfigMap;
import dev.orc.api.model.Event;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ObjectReference;
import dev.orc.api.model.Secret;
import dev.orc.api.model.Node;
import dev.orc.api.model.NodeStatus;
import dev.orc.api.model.Pod;
import dev.orc.api.model.PodStatus;
import dev.orc.api.model.Timestamps;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link NodeApi} over the API client: pods watched with {@code fieldSelector=spec.nodeName=NAME} (re-listed
 * after a failed or expired watch, with backoff), status written by a merge patch of {@code pods/{name}/status},
 * the heartbeat as the Ready condition's {@code lastHeartbeatTime} in the Node's status.
 */
public final class ApiNodeApi implements NodeApi {

    private static final Logger LOG = Logger.getLogger(ApiNodeApi.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final ApiClient client;

    public ApiNodeApi(ApiClient client) {
        this.client = client;
    }

    @Override
    public Node registerOrUpdateNode(Node node) {
        String name = node.metadata().name();
        ObjectNode wanted = (ObjectNode) Json.tree(node);
        try {
            ObjectNode existing;
            try {
                existing = client.get(ResourceTypes.NODE, null, name);
            } catch (ApiException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
                ObjectNode created = client.create(ResourceTypes.NODE, null, wanted, dev.orc.api.client.WriteOptions.defaults());
                created.set("status", wanted.get("status"));
                return Json.convert(client.updateStatus(ResourceTypes.NODE, null, created), Node.class);
            }
            ObjectNode labels = existing.with("metadata").with("labels");
            labels.setAll((ObjectNode) wanted.path("metadata").path("labels"));
            existing.with("spec").set("taints", wanted.path("spec").path("taints"));
            ObjectNode updated = client.update(ResourceTypes.NODE, null, existing, dev.orc.api.client.WriteOptions.defaults());
            updated.set("status", wanted.get("status"));
            return Json.convert(client.updateStatus(ResourceTypes.NODE, null, updated), Node.class);
        } catch (ApiException e) {
            throw new NodeApiException("registering node " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void renewHeartbeat(String nodeName, Instant now) {
        try {
            Node node = Json.convert(client.get(ResourceTypes.NODE, null, nodeName), Node.class);
            String time = Timestamps.format(now);
            Condition ready = node.status().condition(NodeStatus.READY).orElse(
                            Condition.of(NodeStatus.READY, Condition.TRUE, "KubeletReady", null, time))
                    .withStatus(Condition.TRUE, "KubeletReady", "orc node agent is posting ready status")
                    .withLastHeartbeatTime(time);
            client.updateStatus(ResourceTypes.NODE, null,
                    (ObjectNode) Json.tree(node.withStatus(node.status().withCondition(ready))));
        } catch (ApiException e) {
            throw new NodeApiException("heartbeat of node " + nodeName + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public AutoCloseable watchPodsOnNode(String nodeName, PodHandler handler) {
        PodWatchLoop loop = new PodWatchLoop(nodeName, handler);
        Thread thread = Thread.ofVirtual().name("orc-pod-watch").start(loop);
        return () -> {
            loop.stop();
            thread.interrupt();
        };
    }

    @Override
    public void updatePodStatus(Pod pod, PodStatus status) {
        ObjectNode patch = Json.object();
        patch.set("status", Json.tree(status));
        try {
            client.patchStatus(ResourceTypes.POD, pod.metadata().namespace(), pod.metadata().name(), PatchType.MERGE, patch);
        } catch (ApiException e) {
            throw new NodeApiException("writing the status of pod " + key(pod) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void annotatePod(Pod pod, String key, String value) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("annotations").put(key, value);
        try {
            client.patch(ResourceTypes.POD, pod.metadata().namespace(), pod.metadata().name(), PatchType.MERGE, patch,
                    dev.orc.api.client.WriteOptions.defaults());
        } catch (ApiException e) {
            throw new NodeApiException("annotating pod " + key(pod) + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void deletePodFinal(Pod pod) {
        try {
            client.delete(ResourceTypes.POD, pod.metadata().namespace(), pod.metadata().name(),
                    DeleteOptions.defaults().withGracePeriodSeconds(0L));
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw new NodeApiException("deleting pod " + key(pod) + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void recordPodEvent(Pod pod, String type, String reason, String message, Instant at) {
        String namespace = pod.metadata().namespace();
        String name = pod.metadata().name() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Event event = Event.of(ObjectMeta.of(namespace, name), ObjectReference.to(pod), type, reason, message,
                new Event.Source("orc-node", pod.spec().nodeName()), Timestamps.format(at));
        try {
            client.create(ResourceTypes.EVENT, namespace, (ObjectNode) Json.tree(event),
                    dev.orc.api.client.WriteOptions.defaults());
        } catch (ApiException e) {
            throw new NodeApiException("recording event " + reason + " of pod " + key(pod) + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return find(ResourceTypes.CONFIG_MAP, namespace, name, ConfigMap.class);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return find(ResourceTypes.SECRET, namespace, name, Secret.class);
    }

    private <T> Optional<T> find(dev.orc.api.meta.ResourceType type, String namespace, String name, Class<T> kind) {
        try {
            return Optional.of(Json.convert(client.get(type, namespace, name), kind));
        } catch (ApiException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw new NodeApiException("reading " + type.kind() + " " + namespace + "/" + name + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void labelNode(String nodeName, String key, String value) {
        ObjectNode patch = Json.object();
        patch.putObject("metadata").putObject("labels").put(key, value);
        try {
            client.patch(ResourceTypes.NODE, null, nodeName, PatchType.MERGE, patch,
                    dev.orc.api.client.WriteOptions.defaults());
        } catch (ApiException e) {
            throw new NodeApiException("labelling node " + nodeName + " failed: " + e.getMessage(), e);
        }
    }

    private static String key(Pod pod) {
        return pod.metadata().namespace() + "/" + pod.metadata().name();
    }

    /** List, then watch from the list's revision; on any end of the watch, back off and list again. */
    private final class PodWatchLoop implements Runnable {
        private final String nodeName;
        private final PodHandler handler;
        private volatile boolean stopped;
        private volatile WatchHandle current;

        PodWatchLoop(String nodeName, PodHandler handler) {
            this.nodeName = nodeName;
            this.handler = handler;
        }

        void stop() {
            stopped = true;
            WatchHandle handle = current;
            if (handle != null) {
                handle.close();
            }
        }

        @Override
        public void run() {
            Duration retry = FIRST_RETRY;
            ListOptions selector = ListOptions.fieldSelector("spec.nodeName=" + nodeName);
            while (!stopped) {
                try {
                    ObjectNode list = client.listAll(ResourceTypes.POD, null, selector);
                    List<Pod> pods = new ArrayList<>();
                    list.path("items").forEach(item -> pods.add(Json.convert(item, Pod.class)));
                    handler.replaceAll(pods);
                    retry = FIRST_RETRY;
                    CompletableFuture<ApiException> closed = new CompletableFuture<>();
                    current = client.watch(ResourceTypes.POD, null,
                            selector.withResourceVersion(list.path("metadata").path("resourceVersion").asText()),
                            new Listener(closed));
                    if (stopped) {
                        current.close();
                    }
                    ApiException failure = closed.get();
                    if (failure != null && !failure.isGone()) {
                        LOG.log(Level.WARNING, "watch of pods on node " + nodeName + " failed: " + failure.getMessage());
                        retry = sleep(retry);
                    } else if (!stopped) {
                        sleep(FIRST_RETRY);
                    }
                } catch (ApiException e) {
                    LOG.log(Level.WARNING, "listing pods on node " + nodeName + " failed: " + e.getMessage());
                    retry = sleep(retry);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    retry = sleep(retry);
                }
            }
        }

        private Duration sleep(Duration retry) {
            try {
                TimeUnit.MILLISECONDS.sleep(retry.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
            Duration doubled = retry.multipliedBy(2);
            return doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
        }

        private final class Listener implements WatchListener {
            private final CompletableFuture<ApiException> closed;

            Listener(CompletableFuture<ApiException> closed) {
                this.closed = closed;
            }

            @Override
            public void onEvent(WatchEvent event) {
                if (event.type() == WatchEvent.Type.BOOKMARK) {
                    return;
                }
                Pod pod = Json.convert(event.object(), Pod.class);
                if (event.type() == WatchEvent.Type.DELETED) {
                    handler.delete(pod);
                } else {
                    handler.upsert(pod);
                }
            }

            @Override
            public void onClose(ApiException failure) {
                closed.complete(failure);
            }
        }
    }
}
