package dev.orc.reconciler.gitops;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a push webhook against the source's shared secret, in constant time, for the forms Git hosts send:
 * GitHub ({@code X-Hub-Signature-256: sha256=HEX}), GitLab ({@code X-Gitlab-Token: SECRET}),
 * Gitea/Forgejo ({@code X-Gitea-Signature: HEX}) and a generic {@code X-Signature: sha256=HEX}.
 */
public final class WebhookSignature {
    public enum Provider { GITHUB, GITLAB, GITEA, GENERIC }

    /** The outcome: which provider's header was found, and whether it proved the secret. */
    public record Verdict(Optional<Provider> provider, boolean valid, String reason) {
    }

    private WebhookSignature() {
    }

    /** {@code headers} keyed by lower-case name. */
    public static Verdict verify(Map<String, String> headers, byte[] body, byte[] secret) {
        String github = headers.get("x-hub-signature-256");
        if (github != null) {
            return hmacVerdict(Provider.GITHUB, stripPrefix(github), body, secret);
        }
        String gitlab = headers.get("x-gitlab-token");
        if (gitlab != null) {
            boolean valid = secret.length > 0 && MessageDigest.isEqual(gitlab.getBytes(StandardCharsets.UTF_8), secret);
            return new Verdict(Optional.of(Provider.GITLAB), valid, valid ? "" : "X-Gitlab-Token does not match the secret");
        }
        String gitea = headers.get("x-gitea-signature");
        if (gitea == null) {
            gitea = headers.get("x-forgejo-signature");
        }
        if (gitea != null) {
            return hmacVerdict(Provider.GITEA, gitea.strip(), body, secret);
        }
        String generic = headers.get("x-signature");
        if (generic != null) {
            return hmacVerdict(Provider.GENERIC, stripPrefix(generic), body, secret);
        }
        return new Verdict(Optional.empty(), false,
                "no signature header (X-Hub-Signature-256, X-Gitlab-Token, X-Gitea-Signature or X-Signature)");
    }

    /** HMAC-SHA256 of the body as lower-case hex, as the hosts compute it. */
    public static String hmacHex(byte[] body, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static Verdict hmacVerdict(Provider provider, String givenHex, byte[] body, byte[] secret) {
        if (givenHex == null) {
            return new Verdict(Optional.of(provider), false, "signature is not of the form sha256=HEX");
        }
        byte[] expected = hmacHex(body, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = givenHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean valid = secret.length > 0 && MessageDigest.isEqual(expected, given);
        return new Verdict(Optional.of(provider), valid, valid ? "" : "signature does not match the body and secret");
    }

    private static String stripPrefix(String header) {
        String value = header.strip();
        return value.regionMatches(true, 0, "sha256=", 0, 7) ? value.substring(7) : null;
    }
}
