package dev.orc.reconciler.manager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.controller.runtime.EventHandler;
import dev.orc.reconciler.controller.runtime.Informer;
import dev.orc.reconciler.controller.runtime.ObjectKey;
import dev.orc.reconciler.controller.runtime.WorkQueue;
import dev.orc.reconciler.gitops.GitFetcher;
import dev.orc.reconciler.gitops.GitSourceController;
import dev.orc.reconciler.gitops.GitSync;
import dev.orc.reconciler.gitops.Ownership;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the server's controllers in this process. They reach the cluster only through the API client, share
 * one informer per kind, and start once their caches have synced. A single server is always the leader.
 */
public final class ControllerManager implements AutoCloseable {
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);
    /** Kinds a GitSource may manage; a change to one of them wakes its source to compare with Git. */
    private static final List<ResourceType> MANAGED_KINDS = List.of(ResourceTypes.NAMESPACE, ResourceTypes.CONFIG_MAP,
            ResourceTypes.SECRET, ResourceTypes.SERVICE, ResourceTypes.DEPLOYMENT, ResourceTypes.REPLICA_SET,
            ResourceTypes.DAEMON_SET, ResourceTypes.JOB, ResourceTypes.POD, ResourceTypes.GIT_SOURCE);

    private final ApiClient client;
    private final Path dataDir;
    private final InstantSource clock;
    private final SharedInformers informers;
    private final List<Controller> controllers = new ArrayList<>();

    public ControllerManager(ApiClient client, Path dataDir, InstantSource clock) {
        this.client = client;
        this.dataDir = dataDir;
        this.clock = clock;
        this.informers = new SharedInformers(client);
    }

    public void start() throws InterruptedException {
        controllers.add(gitSources());
        for (Controller controller : controllers) {
            controller.start(SYNC_TIMEOUT);
        }
    }

    private Controller gitSources() {
        Informer sources = informers.informer(ResourceTypes.GIT_SOURCE);
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        sources.addHandler(EventHandler.enqueue(object -> queue.add(ObjectKey.of(object))));
        List<Informer> watched = new ArrayList<>(List.of(sources));
        String managed = Ownership.MANAGED_BY_LABEL + "=" + Ownership.MANAGED_BY_VALUE;
        for (ResourceType kind : MANAGED_KINDS) {
            Informer informer = informers.informer(kind, managed);
            informer.addHandler(EventHandler.enqueue(object -> enqueueOwner(queue, object)));
            watched.add(informer);
        }
        ClientEvents events = new ClientEvents(client, "orc-gitops", clock);
        GitSourceController controller = new GitSourceController(sources,
                new GitFetcher(dataDir.resolve("git"), Duration.ofMinutes(2)), new GitSync(ManifestValidator.standard()),
                new ClientClusterOps(client), new ClientGitSourceApi(client, events), clock);
        return new Controller("gitsource", queue, controller, watched, 2);
    }

    private static void enqueueOwner(WorkQueue<ObjectKey> queue, ObjectNode object) {
        Ownership.owner(object).ifPresent(owner -> {
            int slash = owner.indexOf('/');
            if (slash > 0) {
                queue.add(new ObjectKey(owner.substring(0, slash), owner.substring(slash + 1)));
            }
        });
    }

    @Override
    public void close() {
        controllers.forEach(Controller::close);
        informers.close();
    }
}
