package dev.orc.reconciler.apiserver.registry;

import dev.orc.api.client.DeleteOptions;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.Fixtures;
import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deletions racing with others: what another writer removed first is gone, never a server error. */
class DeletionTest {
    private SqliteStore store;
    private ObjectRegistry registry;
    private Deletion deletion;

    @BeforeEach
    void open() throws Exception {
        store = SqliteStore.open(Files.createTempDirectory("orc-deletion"));
        Store racing = configMapsVanishBeforeEachGuardedDelete(store);
        registry = new ObjectRegistry(racing, Clock.systemUTC(), ApiServerConfig.of("127.0.0.1", 0, racing).admission(),
                new SecureRandom());
        deletion = new Deletion(registry);
        registry.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("default"), false);
        registry.create(ResourceTypes.NAMESPACE, null, Fixtures.namespace("doomed"), false);
        registry.create(ResourceTypes.CONFIG_MAP, "doomed", Fixtures.configMap("a", "1"), false);
        registry.create(ResourceTypes.CONFIG_MAP, "doomed", Fixtures.configMap("b", "2"), false);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A store in which another writer deletes a ConfigMap just before each guarded delete of it. */
    private static Store configMapsVanishBeforeEachGuardedDelete(Store real) {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class}, (proxy, method, args) -> {
            if (method.getName().equals("delete") && (long) args[1] != 0 && ((String) args[0]).startsWith("/registry/configmaps/")) {
                real.delete((String) args[0], 0);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void aNamespaceIsDeletedWhileItsObjectsVanishDuringTheCascade() {
        deletion.delete(ResourceTypes.NAMESPACE, null, "doomed", DeleteOptions.defaults(), false);

        assertThatThrownBy(() -> registry.get(ResourceTypes.NAMESPACE, null, "doomed")).isInstanceOf(ApiException.NotFound.class);
        assertThatThrownBy(() -> registry.get(ResourceTypes.CONFIG_MAP, "doomed", "a")).isInstanceOf(ApiException.NotFound.class);
    }

    @Test
    void deletingAnObjectAnotherWriterRemovedFirstIsNotFound() {
        assertThatThrownBy(() -> deletion.delete(ResourceTypes.CONFIG_MAP, "doomed", "a", DeleteOptions.defaults(), false))
                .isInstanceOf(ApiException.NotFound.class);
        assertThat(store.get("/registry/configmaps/doomed/a")).isEmpty();
    }
}
