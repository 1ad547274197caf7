package dev.orc.reconciler.store.etcd;

import dev.orc.reconciler.store.Store;
import dev.orc.reconciler.store.StoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** The store contract over TLS, against an etcd of its own that requires a client certificate signed by its CA. */
class EtcdTlsStoreTest extends StoreContractTest {
    @TempDir
    static Path dir;
    private static LocalEtcd etcd;
    private static EtcdTestCertificates certificates;

    @BeforeAll
    static void startSecuredEtcd() throws Exception {
        certificates = EtcdTestCertificates.create(dir);
        etcd = LocalEtcd.start(dir.resolve("etcd"), certificates.serving().requiringClientCertificates());
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected Store openStore() {
        return EtcdStore.open(EtcdConfig.of(List.of(etcd.endpoint())).withTls(certificates.ca())
                .withClientCertificate(certificates.clientCertificate(), certificates.clientKey()));
    }

    @Override
    protected Store restart(Store current) {
        etcd.restart();
        return current;
    }

    @Override
    protected boolean watchesSurviveRestart() {
        return true;
    }
}
