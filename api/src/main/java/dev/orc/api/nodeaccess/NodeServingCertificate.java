package dev.orc.api.nodeaccess;

/**
 * How a node agent gets the certificate it serves its endpoints with: it posts a PKCS#10 request (PEM) for its own
 * key, subject {@code CN=system:node:NAME}, in {@link #REQUEST_FIELD} to {@link #path}; the server answers the
 * certificate the cluster CA issued (PEM) in {@link #CERTIFICATE_FIELD}. Only the node itself (and cluster admins)
 * may ask for a node's certificate.
 */
public final class NodeServingCertificate {
    public static final String SUBRESOURCE = "servingcertificate";
    public static final String REQUEST_FIELD = "request";
    public static final String CERTIFICATE_FIELD = "certificate";
    public static final String USER_PREFIX = "system:node:";

    private NodeServingCertificate() {
    }

    /** The API path a node {@code nodeName} (a DNS-1123 name, so no escaping) asks at. */
    public static String path(String nodeName) {
        return "/api/v1/nodes/" + nodeName + "/" + SUBRESOURCE;
    }
}
