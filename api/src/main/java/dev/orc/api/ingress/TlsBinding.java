package dev.orc.api.ingress;

/** A host served over TLS with the certificate of a {@code kubernetes.io/tls} Secret (namespace/name). */
public record TlsBinding(HostPattern host, String namespace, String secretName) {
    /**
     * The field selector of the only Secrets a node's ingress lists and watches, and the only list of Secrets the
     * node authorizer lets a node make: those of type {@code kubernetes.io/tls}.
     */
    public static final String TLS_SECRETS = "type=kubernetes.io/tls";

    public String secretKey() {
        return namespace + "/" + secretName;
    }
}
