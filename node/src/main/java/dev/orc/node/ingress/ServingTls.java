package dev.orc.node.ingress;

import dev.orc.api.ingress.RouteTable;
import dev.orc.api.ingress.TlsBinding;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.Mapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.util.HashMap;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TLS for the ingress's clients: a server context per {@code kubernetes.io/tls} Secret, chosen by the server name the
 * client sent (SNI) through the Ingress TLS host that matches it (exact before wildcard), from whatever is current
 * when the handshake starts, so new Secrets and Ingresses apply to the next connection without a restart. A client
 * that sends no name, or one no Ingress lists, gets the first certificate there is (as ingress-nginx serves its
 * default one); with no Secret at all the handshake fails. Contexts speak HTTP/2 and HTTP/1.1 by ALPN, through
 * BoringSSL where its native library loads, else the JDK's engine; a Secret's context is built once and kept while its
 * keys do not change.
 */
final class ServingTls implements Mapping<String, SslContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ServingTls.class);
    private static final ApplicationProtocolConfig ALPN = new ApplicationProtocolConfig(
            ApplicationProtocolConfig.Protocol.ALPN, ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2,
            ApplicationProtocolNames.HTTP_1_1);

    /** The routes and the contexts of the Secrets they name that could be read, by namespace/name. */
    private record Contexts(RouteTable routes, Map<String, Built> bySecret) {
    }

    /** A Secret's keys and the context made of them. */
    private record Built(TlsKeys keys, SslContext context) {
    }

    private final SslProvider provider;
    private final AtomicReference<Contexts> current = new AtomicReference<>(new Contexts(RouteTable.EMPTY, Map.of()));

    ServingTls() {
        this.provider = SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** BoringSSL or the JDK's engine, for the line the ingress says at start. */
    String engine() {
        return provider == SslProvider.OPENSSL ? "BoringSSL" : "the JDK's TLS";
    }

    /** Serves the certificates of {@code secrets} for {@code routes} from the next handshake on. */
    void apply(RouteTable routes, Map<String, TlsKeys> secrets) {
        Map<String, Built> before = current.get().bySecret();
        Map<String, Built> built = new HashMap<>();
        secrets.forEach((alias, keys) -> {
            Built kept = before.get(alias);
            if (kept != null && same(kept.keys(), keys)) {
                built.put(alias, kept);
                return;
            }
            try {
                built.put(alias, new Built(keys, SslContextBuilder.forServer(keys.key(), keys.chain())
                        .sslProvider(provider).applicationProtocolConfig(ALPN)
                        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE).build()));
            } catch (SSLException | IllegalArgumentException e) {
                LOG.warn("ingress: the keys of Secret {} cannot serve TLS: {}", alias, e.getMessage());
            }
        });
        current.set(new Contexts(routes, Map.copyOf(built)));
    }

    private static boolean same(TlsKeys a, TlsKeys b) {
        return a == b || Arrays.equals(a.chain(), b.chain()) && Arrays.equals(a.key().getEncoded(), b.key().getEncoded());
    }

    @Override
    public SslContext map(String serverName) {
        Contexts contexts = current.get();
        if (serverName != null) {
            Built named = contexts.routes().tlsFor(serverName).map(TlsBinding::secretKey)
                    .map(contexts.bySecret()::get).orElse(null);
            if (named != null) {
                return named.context();
            }
        }
        for (String alias : contexts.routes().secrets()) {
            Built first = contexts.bySecret().get(alias);
            if (first != null) {
                return first.context();
            }
        }
        return null;
    }
}
