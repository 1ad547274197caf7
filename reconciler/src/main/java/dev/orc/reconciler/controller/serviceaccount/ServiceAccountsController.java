package dev.orc.reconciler.controller.serviceaccount;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.cache.Informer;
import dev.orc.api.cache.ObjectCache;
import dev.orc.api.cache.ObjectKey;
import dev.orc.api.client.ApiClient;
import dev.orc.api.status.ApiException;
import dev.orc.api.client.TypedResource;
import dev.orc.api.model.Namespace;
import dev.orc.api.model.ObjectMeta;
import dev.orc.api.model.ServiceAccount;
import dev.orc.api.workqueue.WorkQueue;
import dev.orc.reconciler.controller.runtime.Controller;
import dev.orc.reconciler.controller.runtime.Reconciler;
import dev.orc.reconciler.controller.runtime.Result;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' service-accounts controller: every namespace that is not being deleted has a {@code default}
 * ServiceAccount. Keyed by namespace; a namespace added and an account deleted both queue the namespace, and a
 * reconcile creates the account only when the cache has none (an account made meanwhile is AlreadyExists: done).
 */
public final class ServiceAccountsController implements Reconciler {
    public static final String NAME = "serviceaccount";

    private final ObjectCache<Namespace> namespaces;
    private final ObjectCache<ServiceAccount> accounts;
    private final TypedResource<ServiceAccount> client;

    ServiceAccountsController(ObjectCache<Namespace> namespaces, ObjectCache<ServiceAccount> accounts, ApiClient client) {
        this.namespaces = namespaces;
        this.accounts = accounts;
        this.client = client.resource(ServiceAccount.class);
    }

    public static Controller create(Informer<Namespace> namespaces, Informer<ServiceAccount> accounts, ApiClient client,
                                    InstantSource clock, int workers) {
        WorkQueue<ObjectKey> queue = WorkQueue.create(clock);
        namespaces.addHandler(EventHandler.enqueueOwnKey(queue::add));
        accounts.addHandler(EventHandler.enqueue(account -> {
            if (ServiceAccount.DEFAULT.equals(account.view().name())) {
                queue.add(new ObjectKey("", account.view().namespace()));
            }
        }));
        return new Controller(NAME, queue, new ServiceAccountsController(ObjectCache.of(namespaces),
                ObjectCache.of(accounts), client), List.of(namespaces, accounts), workers);
    }

    /** The default account {@code namespace} lacks, if it lacks one and is not being deleted. */
    static Optional<ServiceAccount> missing(Namespace namespace, boolean hasDefault) {
        if (hasDefault || namespace.terminating()) {
            return Optional.empty();
        }
        return Optional.of(ServiceAccount.of(ObjectMeta.of(namespace.name(), ServiceAccount.DEFAULT)));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Cached<Namespace>> namespace = namespaces.get(key);
        if (namespace.isEmpty()) {
            return Result.done();
        }
        boolean hasDefault = accounts.get(new ObjectKey(key.name(), ServiceAccount.DEFAULT)).isPresent();
        missing(namespace.get().view(), hasDefault).ifPresent(account -> {
            try {
                client.create(account);
            } catch (ApiException e) {
                if (!e.isAlreadyExists()) {
                    throw e;
                }
            }
        });
        return Result.done();
    }
}
