package dev.orc.node.ingress;

import dev.orc.api.ingress.RouteTable;
import dev.orc.api.ingress.TlsBinding;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the certificate of a TLS handshake by the server name the client sent (SNI): the Secret of the Ingress
 * TLS host that matches it (exact before wildcard), from whatever is current when the handshake happens, so new
 * Secrets and Ingresses apply to the next connection without a restart. A client that sends no name, or one no
 * Ingress lists, gets the first certificate there is (as ingress-nginx serves its default one). Aliases are the
 * Secrets' namespace/name.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    /** The routes and the keys of every TLS Secret they name that could be read. */
    record Keys(RouteTable routes, Map<String, TlsKeys> secrets) {
        static final Keys NONE = new Keys(RouteTable.EMPTY, Map.of());

        Keys {
            secrets = Map.copyOf(secrets);
        }
    }

    private final Supplier<Keys> keys;

    SniKeyManager(Supplier<Keys> keys) {
        this.keys = keys;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    private String choose(String keyType, SSLSession session) {
        Keys current = keys.get();
        Optional<String> named = serverName(session).flatMap(current.routes()::tlsFor).map(TlsBinding::secretKey)
                .filter(alias -> fits(current.secrets().get(alias), keyType));
        if (named.isPresent()) {
            return named.get();
        }
        return current.routes().secrets().stream().filter(alias -> fits(current.secrets().get(alias), keyType))
                .findFirst().orElse(null);
    }

    private static boolean fits(TlsKeys tls, String keyType) {
        return tls != null && tls.key().getAlgorithm().equals(keyType);
    }

    private static Optional<String> serverName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return Optional.empty();
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                return Optional.of(host.getAsciiName());
            }
        }
        return Optional.empty();
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        TlsKeys tls = keys.get().secrets().get(alias);
        return tls == null ? null : tls.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        TlsKeys tls = keys.get().secrets().get(alias);
        return tls == null ? null : tls.key();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Keys current = keys.get();
        return current.secrets().entrySet().stream().filter(e -> fits(e.getValue(), keyType)).map(Map.Entry::getKey)
                .toArray(String[]::new);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
