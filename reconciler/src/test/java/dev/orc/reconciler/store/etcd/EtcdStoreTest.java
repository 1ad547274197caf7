package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreContractTest;
import dev.orc.reconciler.store.StoreException;
import org.junit.jupiter.api.Test;

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
        EtcdConfig config = new EtcdConfig(List.of("http://127.0.0.1:9"), null, null, null, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        try (EtcdStore unreachable = EtcdStore.open(config)) {
            assertThatThrownBy(() -> unreachable.get("/any"))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("127.0.0.1:9");
        }
    }

    @Test
    void configurationErrorsNameTheBadArgument() {
        assertThatThrownBy(() -> EtcdConfig.of(List.of("127.0.0.1:2379")))
                .hasMessageContaining("127.0.0.1:2379").hasMessageContaining("http://");
        assertThatThrownBy(() -> EtcdConfig.of(List.of("http://127.0.0.1:2379")).withCredentials("root", null))
                .hasMessageContaining("user and password");
        assertThat(EtcdConfig.of(List.of("https://a:2379", "https://b:2379")).endpoints()).hasSize(2);
    }
}
