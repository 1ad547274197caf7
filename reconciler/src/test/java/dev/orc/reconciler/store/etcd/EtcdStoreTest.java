package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreContractTest;
import dev.orc.reconciler.store.StoreException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtcdStoreTest extends StoreContractTest {
    @Override
    protected Store openStore() {
        return EtcdStore.open(EtcdConfig.of(List.of(EtcdFixture.etcd().endpoint())));
    }

    @Override
    protected Store restart(Store current) {
        EtcdFixture.etcd().restart();
        return current;
    }

    @Override
    protected boolean watchesSurviveRestart() {
        return true;
    }

    @Test
    void anUnreachableEtcdFailsWithinTheCallTimeoutNamingTheEndpoint() {
        EtcdConfig config = new EtcdConfig(List.of("http://127.0.0.1:9"), null, null, null, null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        try (EtcdStore unreachable = EtcdStore.open(config)) {
            assertThatThrownBy(() -> unreachable.get("/any"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("127.0.0.1:9");
        }
    }

    @Test
    void callsFailOverFromADeadEndpointToALiveOne() {
        EtcdConfig config = EtcdConfig.of(List.of("http://127.0.0.1:9", EtcdFixture.etcd().endpoint(), "http://127.0.0.1:9"));
        try (EtcdStore store = EtcdStore.open(config)) {
            String key = "/failover/" + System.nanoTime();
            for (int i = 0; i < 10; i++) {
                store.create(key + "/" + i, new byte[] {1}, 0);
            }

            assertThat(store.list(key + "/", dev.orc.reconciler.store.ListOptions.all()).items()).hasSize(10);
        }
    }

    @Test
    void configurationErrorsNameTheBadArgument() {
        assertThatThrownBy(() -> EtcdConfig.of(List.of("127.0.0.1:2379")))
                .hasMessageContaining("127.0.0.1:2379").hasMessageContaining("http://");
        assertThatThrownBy(() -> EtcdConfig.of(List.of("http://127.0.0.1:2379")).withCredentials("root", null))
                .hasMessageContaining("user and password");
        assertThatThrownBy(() -> EtcdConfig.of(List.of("https://a:2379")).withClientCertificate(Path.of("c.pem"), null))
                .hasMessageContaining("certificate and its key");
        assertThat(EtcdConfig.of(List.of("https://a:2379", "https://b:2379")).endpoints()).hasSize(2);
    }
}
