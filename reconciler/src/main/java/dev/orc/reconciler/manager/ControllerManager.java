package dev.orc.reconciler.manager;

import com.fasterxml.jackson.core.JsonPointer;
import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.gitops.Ownership;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.CronJob;
import dev.orc.api.model.DaemonSet;
import dev.orc.api.model.Deployment;
import dev.orc.api.model.Endpoints;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;
import dev.orc.api.model.Job;
import dev.orc.api.model.KubeObject;
import dev.orc.api.model.Lease;
import dev.orc.api.model.Node;
import dev.orc.api.model.PersistentVolumeClaim;
import dev.orc.api.model.ControllerRevision;
import dev.orc.api.model.StatefulSet;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Namespace;
import dev.orc.api.model.ServiceAccount;
import dev.orc.api.model.PodDisruptionBudget;
import dev.orc.api.model.ReplicaSet;
import dev.orc.api.model.Service;
import dev.orc.api.model.Views;
import dev.orc.api.record.EventRecorder;
import dev.orc.api.validation.ManifestValidator;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.cronjob.CronJobController;
import dev.orc.reconciler.controller.daemonset.DaemonSetController;
import dev.orc.reconciler.controller.disruption.DisruptionController;
import dev.orc.reconciler.controller.deployment.DeploymentController;
import dev.orc.reconciler.controller.endpoints.EndpointsController;
import dev.orc.reconciler.controller.gc.GarbageCollectorController;
import dev.orc.reconciler.controller.job.JobController;
import dev.orc.reconciler.controller.ingress.IngressStatusController;
import dev.orc.reconciler.controller.loadbalancer.LoadBalancerController;
import dev.orc.reconciler.controller.serviceaccount.ServiceAccountsController;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleConfig;
import dev.orc.reconciler.controller.nodelifecycle.NodeLifecycleController;
import dev.orc.reconciler.controller.replicaset.ReplicaSetController;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.controller.statefulset.StatefulSetController;
import dev.orc.reconciler.controller.volumeclaim.ClaimController;
import dev.orc.reconciler.gitops.GitFetcher;
import dev.orc.reconciler.gitops.GitSourceController;
import dev.orc.reconciler.gitops.GitOpsPolicy;
import dev.orc.reconciler.gitops.GitSync;
import dev.orc.reconciler.gitops.Impersonation;
import dev.orc.reconciler.gitops.SourceAccesses;
import dev.orc.reconciler.scheduler.Scheduler;
import dev.orc.reconciler.scheduler.plugins.DefaultPlugins;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the server's controllers in this process. They reach the cluster only through the API client, share
 * one informer per kind, and start once their caches have synced. Only the elected leader runs one, over a client
 * whose writes its term fences ({@code dev.orc.reconciler.leader}).
 */
public final class ControllerManager implements AutoCloseable {
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(2);
    /** Kinds a GitSource may manage; a change to one of them wakes its source to compare with Git. */
    private static final List<ResourceType> MANAGED_KINDS = List.of(ResourceTypes.NAMESPACE, ResourceTypes.CONFIG_MAP,
            ResourceTypes.SECRET, ResourceTypes.SERVICE, ResourceTypes.DEPLOYMENT, ResourceTypes.REPLICA_SET,
            ResourceTypes.DAEMON_SET, ResourceTypes.STATEFUL_SET, ResourceTypes.JOB, ResourceTypes.CRON_JOB,
            ResourceTypes.POD_DISRUPTION_BUDGET, ResourceTypes.POD, ResourceTypes.PERSISTENT_VOLUME_CLAIM,
            ResourceTypes.GIT_SOURCE);
    /** The GitSource annotation of a managed object, as a JSON pointer (the "/" in its name escaped). */
    private static final String SOURCE_POINTER =
            JsonPointer.compile("/metadata/annotations").appendProperty(Ownership.SOURCE_ANNOTATION).toString();

    private final ApiClient client;
    private final Path dataDir;
    private final InstantSource clock;
    private final SharedInformers informers;
    private final List<Controller> controllers = new ArrayList<>();
    private final NodeLifecycleConfig nodeLifecycle;
    private final GitOpsPolicy gitops;
    private final Impersonation impersonation;
    private Scheduler scheduler;

    /** {@code gitops} and {@code impersonation}: what GitSources may fetch, and how they act as their service accounts. */
    public ControllerManager(ApiClient client, Path dataDir, InstantSource clock, NodeLifecycleConfig nodeLifecycle,
                             GitOpsPolicy gitops, Impersonation impersonation) {
        this.nodeLifecycle = nodeLifecycle;
        this.gitops = gitops;
        this.impersonation = impersonation;
        this.client = client;
        this.dataDir = dataDir;
        this.clock = clock;
        this.informers = new SharedInformers(client);
    }

    public void start() throws InterruptedException {
        EventRecorder events = new EventRecorder(client, "orc-controller-manager", clock);
        Informer<Pod> pods = informers.informer(ResourceTypes.POD, Pod.class);
        Informer<Node> nodes = informers.informer(ResourceTypes.NODE, Node.class);
        Informer<ReplicaSet> replicaSets = informers.informer(ResourceTypes.REPLICA_SET, ReplicaSet.class);
        controllers.add(ReplicaSetController.create(replicaSets, pods, client, events, clock, 4));
        Informer<Deployment> deployments = informers.informer(ResourceTypes.DEPLOYMENT, Deployment.class);
        controllers.add(DeploymentController.create(deployments, replicaSets, pods, client, events, clock, 4));
        controllers.add(DaemonSetController.create(informers.informer(ResourceTypes.DAEMON_SET, DaemonSet.class), pods, nodes,
                client, events, clock, 2));
        Informer<Job> jobs = informers.informer(ResourceTypes.JOB, Job.class);
        controllers.add(JobController.create(jobs, pods, client, events, clock, 2));
        controllers.add(CronJobController.create(informers.informer(ResourceTypes.CRON_JOB, CronJob.class), jobs,
                client, events, clock, ZoneId.systemDefault(), 1));
        controllers.add(DisruptionController.create(informers.informer(ResourceTypes.POD_DISRUPTION_BUDGET,
                PodDisruptionBudget.class), pods, replicaSets, deployments, client, clock, 2));
        controllers.add(NodeLifecycleController.create(nodes, pods, informers.informer(ResourceTypes.LEASE, Lease.class),
                client, events, clock, nodeLifecycle, 2));
        controllers.add(LoadBalancerController.create(informers.informer(ResourceTypes.SERVICE, Service.class), nodes, client,
                clock, 1));
        controllers.add(IngressStatusController.create(informers.informer(ResourceTypes.INGRESS, Ingress.class),
                informers.informer(ResourceTypes.INGRESS_CLASS, IngressClass.class),
                informers.informer(ResourceTypes.SERVICE, Service.class), nodes, client, events, clock, 1));
        controllers.add(EndpointsController.create(informers.informer(ResourceTypes.SERVICE, Service.class), pods,
                informers.informer(ResourceTypes.ENDPOINTS, Endpoints.class), client, clock, 4));
        Informer<PersistentVolumeClaim> claims = informers.informer(ResourceTypes.PERSISTENT_VOLUME_CLAIM,
                PersistentVolumeClaim.class);
        controllers.add(ClaimController.create(claims, pods, client, clock, 1));
        controllers.add(StatefulSetController.create(informers.informer(ResourceTypes.STATEFUL_SET, StatefulSet.class),
                pods, claims, informers.informer(ResourceTypes.CONTROLLER_REVISION, ControllerRevision.class), client,
                events, clock, 2));
        controllers.add(ServiceAccountsController.create(informers.informer(ResourceTypes.NAMESPACE, Namespace.class),
                informers.informer(ResourceTypes.SERVICE_ACCOUNT, ServiceAccount.class), client, clock, 1));
        Map<ResourceType, Informer<?>> all = new LinkedHashMap<>();
        for (ResourceType type : GarbageCollectorController.watchedTypes()) {
            all.put(type, informers.informer(type));
        }
        controllers.add(GarbageCollectorController.create(all, client, clock, 2));
        controllers.add(gitSources());
        for (Controller controller : controllers) {
            controller.start(SYNC_TIMEOUT);
        }
        scheduler = scheduler(informers, client, clock);
        scheduler.start(SYNC_TIMEOUT);
    }

    /**
     * The scheduler as the manager runs it: over the shared pod and node informers, binding and recording its
     * events through the API. Not started; {@link Scheduler#start} does that once the caller is ready.
     */
    public static Scheduler scheduler(SharedInformers informers, ApiClient client, InstantSource clock) {
        return new Scheduler(informers.informer(ResourceTypes.POD, Pod.class), informers.informer(ResourceTypes.NODE, Node.class),
                client, new EventRecorder(client, Scheduler.DEFAULT_SCHEDULER, clock), DefaultPlugins.framework(), clock,
                Scheduler.Options.defaults());
    }

    private Controller gitSources() {
        Informer<GitSource> sources = informers.informer(ResourceTypes.GIT_SOURCE, GitSource.class);
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        sources.addHandler(EventHandler.enqueueOwnKey(queue::add));
        List<Informer<?>> watched = new ArrayList<>(List.of(sources));
        String managed = Ownership.MANAGED_BY_LABEL + "=" + Ownership.MANAGED_BY_VALUE;
        for (ResourceType kind : MANAGED_KINDS) {
            watched.add(watchManaged(informers.informer(kind, Views.of(kind.kind()), managed), queue));
        }
        GitSourceController controller = new GitSourceController(ObjectCache.of(sources),
                new GitFetcher(dataDir.resolve("git"), Duration.ofMinutes(2), gitops.allowFileUrls()),
                new GitSync(ManifestValidator.standard()), new SourceAccesses(client, gitops, impersonation), client, new EventRecorder(client, "orc-gitops", clock), clock);
        return new Controller("gitsource", queue, controller, watched, 2);
    }

    private static <T extends KubeObject> Informer<T> watchManaged(Informer<T> informer, WorkQueue<ObjectKey> queue) {
        informer.addHandler(EventHandler.enqueue(object -> enqueueOwner(queue, object)));
        return informer;
    }

    /** Reads the source's annotation without converting the object: most managed kinds are never read typed here. */
    private static void enqueueOwner(WorkQueue<ObjectKey> queue, Cached<?> object) {
        String owner = object.text(SOURCE_POINTER);
        int slash = owner.indexOf('/');
        if (slash > 0) {
            queue.add(new ObjectKey(owner.substring(0, slash), owner.substring(slash + 1)));
        }
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        controllers.forEach(Controller::close);
        informers.close();
    }
}
