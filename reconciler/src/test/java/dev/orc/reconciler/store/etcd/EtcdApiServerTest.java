package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.apiserver.ApiServerContractTest;
import dev.orc.reconciler.store.Store;

import java.util.List;

/**
 * The API contract on etcd, reusing the test run's one etcd (it lives in this package so that it can
 * share {@link EtcdFixture}).
 */
class EtcdApiServerTest extends ApiServerContractTest {
    @Override
    protected Store openStore() {
        return EtcdStore.open(EtcdConfig.of(List.of(EtcdFixture.etcd().endpoint())));
    }
}
