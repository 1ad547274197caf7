package dev.orc.reconciler.gitops;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = """
            {"ref": "refs/heads/main", "after": "abc123",
             "commits": [{"added": ["apps/web.yaml"], "modified": [], "removed": ["docs/old.md"]},
                         {"added": [], "modified": ["apps/db/svc.yaml"], "removed": []}]}
            """.getBytes(StandardCharsets.UTF_8);

    private static String hmac() {
        return WebhookSignature.hmacHex(BODY, SECRET);
    }

    @Test
    void acceptsEachHostsValidSignature() {
        assertThat(WebhookSignature.verify(Map.of("x-hub-signature-256", "sha256=" + hmac()), BODY, SECRET).valid()).isTrue();
        assertThat(WebhookSignature.verify(Map.of("x-gitlab-token", "s3cret"), BODY, SECRET).valid()).isTrue();
        assertThat(WebhookSignature.verify(Map.of("x-gitea-signature", hmac()), BODY, SECRET).valid()).isTrue();
        assertThat(WebhookSignature.verify(Map.of("x-signature", "sha256=" + hmac().toUpperCase()), BODY, SECRET).valid()).isTrue();
    }

    @Test
    void refusesWrongMissingOrMalformedSignatures() {
        byte[] tampered = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        var github = WebhookSignature.verify(Map.of("x-hub-signature-256", "sha256=" + hmac()), tampered, SECRET);
        assertThat(github.valid()).isFalse();
        assertThat(github.provider()).contains(WebhookSignature.Provider.GITHUB);
        assertThat(WebhookSignature.verify(Map.of("x-gitlab-token", "guess"), BODY, SECRET).valid()).isFalse();
        assertThat(WebhookSignature.verify(Map.of("x-hub-signature-256", hmac()), BODY, SECRET).reason())
                .isEqualTo("signature is not of the form sha256=HEX");
        var none = WebhookSignature.verify(Map.of(), BODY, SECRET);
        assertThat(none.valid()).isFalse();
        assertThat(none.provider()).isEmpty();
        assertThat(WebhookSignature.verify(Map.of("x-signature", "sha256=" + WebhookSignature.hmacHex(BODY, new byte[0])),
                BODY, new byte[0]).valid()).isFalse();
        assertThat(WebhookSignature.verify(Map.of("x-gitlab-token", ""), BODY, new byte[0]).valid()).isFalse();
    }

    @Test
    void readsTheBranchAndTheFilesAPushTouched() {
        PushEvent push = PushEvent.parse(BODY);
        assertThat(push.after()).contains("abc123");
        assertThat(push.isForBranch("main")).isTrue();
        assertThat(push.isForBranch("staging")).isFalse();
        assertThat(push.touches("apps")).isTrue();
        assertThat(push.touches("apps/db")).isTrue();
        assertThat(push.touches("infra")).isFalse();
        assertThat(push.touches("")).isTrue();
    }

    @Test
    void aPayloadWithoutFileListsTouchesEverything() {
        PushEvent push = PushEvent.parse("{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(push.touches("infra")).isTrue();
        PushEvent junk = PushEvent.parse("not json".getBytes(StandardCharsets.UTF_8));
        assertThat(junk.ref()).isEqualTo(Optional.empty());
        assertThat(junk.isForBranch("main")).isTrue();
    }
}
