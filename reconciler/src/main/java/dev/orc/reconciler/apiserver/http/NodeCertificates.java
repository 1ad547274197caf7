package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.nodeaccess.NodeServingCertificate;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import dev.orc.api.status.ApiException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code POST /api/v1/nodes/{name}/servingcertificate}: the cluster CA issues node {@code name} a serving certificate
 * ({@code CN=system:node:NAME, O=system:nodes}) for the key in its PKCS#10 request, once the request's signature shows
 * the caller holds that key and its subject names that node. Who may ask is decided before (the node authorizer
 * lets a node ask only for itself).
 */
public final class NodeCertificates {
    static final Duration LIFETIME = Duration.ofDays(365);

    private final CertificateAuthority ca;
    private final Clock clock;

    public NodeCertificates(CertificateAuthority ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    static String userName(String nodeName) {
        return NodeServingCertificate.USER_PREFIX + nodeName;
    }

    Reply issue(ApiRequest request) {
        String node = request.pathParam("name");
        String pem = request.objectBody().path(NodeServingCertificate.REQUEST_FIELD).asText("");
        PublicKey key = provenKey(node, pem);
        X509Certificate certificate = ca.issueServing(new X500Name("O=system:nodes,CN=" + userName(node)),
                List.of(node), key, LIFETIME, clock.instant());
        ObjectNode body = Json.object().put(NodeServingCertificate.CERTIFICATE_FIELD, CertificateAuthority.pem(certificate));
        return Reply.created(body);
    }

    private static PublicKey provenKey(String node, String pem) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException e) {
            throw new ApiException.BadRequest("request: not a PEM certificate request: " + e.getMessage());
        }
        if (!(parsed instanceof PKCS10CertificationRequest csr)) {
            throw new ApiException.BadRequest("request: expected a PEM \"CERTIFICATE REQUEST\" (PKCS#10)");
        }
        try {
            JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(csr);
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(request.getSubjectPublicKeyInfo()))) {
                throw new ApiException.BadRequest("request: its signature does not match its key");
            }
            String subject = request.getSubject().toString();
            if (!subject.equals("CN=" + userName(node))) {
                throw new ApiException.BadRequest("request: its subject is \"" + subject + "\"; node \"" + node
                        + "\" may only ask for CN=" + userName(node));
            }
            return request.getPublicKey();
        } catch (OperatorCreationException | PKCSException | GeneralSecurityException e) {
            throw new ApiException.BadRequest("request: cannot check the certificate request: " + e.getMessage());
        }
    }
}
