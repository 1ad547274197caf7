package dev.orc.node.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names of the iptables chains one node agent owns, all starting {@code ORC-<tag>-}, where the tag is a hash
 * of the agent's identity: several agents on one machine (tests, a multi-node cluster on one host) each keep
 * their own chains, and an agent restarted with the same identity finds and replaces its predecessor's. A
 * service's chain is named by a hash of the service port and address, an endpoint's by a hash of those and the
 * endpoint, as kube-proxy names {@code KUBE-SVC-*} and {@code KUBE-SEP-*}; every name fits iptables' 28 characters.
 */
public record ChainNames(String prefix) {
    public static ChainNames forOwner(String identity) {
        return new ChainNames("ORC-" + hash(identity, 6) + "-");
    }

    /** nat: jumped to from PREROUTING and OUTPUT; filter: jumped to from INPUT, FORWARD and OUTPUT. */
    public String services() {
        return prefix + "SERVICES";
    }

    public String nodePorts() {
        return prefix + "NODEPORTS";
    }

    public String postrouting() {
        return prefix + "POSTROUTING";
    }

    public String markMasquerade() {
        return prefix + "MARK-MASQ";
    }

    public String service(Frontend frontend) {
        return prefix + "SVC-" + hash(frontend.service() + "|" + frontend.listen(), 12);
    }

    public String endpoint(Frontend frontend, Backend backend) {
        return prefix + "SEP-" + hash(frontend.service() + "|" + frontend.listen() + "|" + backend, 12);
    }

    public boolean owns(String chain) {
        return chain.startsWith(prefix);
    }

    private static String hash(String text, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
