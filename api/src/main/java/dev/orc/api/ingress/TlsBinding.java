package dev.orc.api.ingress;

/** A host served over TLS with the certificate of a {@code kubernetes.io/tls} Secret (namespace/name). */
public record TlsBinding(HostPattern host, String namespace, String secretName) {
    public String secretKey() {
        return namespace + "/" + secretName;
    }
}
