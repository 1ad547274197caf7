package dev.orc.node.ingress;

import io.netty.util.concurrent.FastThreadLocal;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What every connection of the ingress shares: the current routes, the node's settings, the HTTPS port plain
 * requests are redirected to, the access log, and the idle backend connections of the event loop that asks (each
 * loop keeps its own, so a request and its backend connection are served by one thread, as an nginx worker does).
 */
record ProxyContext(Supplier<Routing> routing, IngressConfig config, IntSupplier httpsPort, AccessLog accessLog,
                    FastThreadLocal<BackendPool> pools) {
    BackendPool pool() {
        return pools.get();
    }
}
