package dev.orc.api.auth;

import dev.orc.api.model.Secret;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class IssuedTokenTest {
    @Test
    void aTokensSecretKeepsWhoItIsAndItsHashButNeverItsText() {
        String text = IssuedToken.generate(new SecureRandom());
        String id = IssuedToken.idOf(text).orElseThrow();
        Instant expires = Instant.parse("2027-01-01T00:00:00Z");
        IssuedToken token = new IssuedToken(id, "jane", "jane", List.of("dev", "ops"), Optional.of(expires), "laptop");

        Secret secret = token.toSecret(text);
        IssuedToken.Stored stored = IssuedToken.fromSecret(secret).orElseThrow();

        assertThat(secret.metadata().name()).isEqualTo("orc-token-" + id);
        assertThat(secret.metadata().namespace()).isEqualTo("kube-system");
        assertThat(secret.type()).isEqualTo(IssuedToken.TYPE);
        assertThat(secret.data().values()).noneMatch(value -> value.contains(text.substring(7)));
        assertThat(stored.token()).isEqualTo(token);
        assertThat(stored.matches(text)).isTrue();
        assertThat(stored.matches(id + "." + "0".repeat(48))).isFalse();
        assertThat(token.expiredAt(expires.minusSeconds(1))).isFalse();
        assertThat(token.expiredAt(expires)).isTrue();
    }

    @Test
    void onlyTokensOfTheIssuedFormHaveAnId() {
        assertThat(IssuedToken.idOf("abc123." + "f".repeat(48))).contains("abc123");
        assertThat(IssuedToken.idOf("0123456789abcdef0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(IssuedToken.idOf("ABC123." + "f".repeat(48))).isEmpty();
        assertThat(IssuedToken.idOf("abc123." + "f".repeat(47))).isEmpty();
    }

    @Test
    void aNodesTokenIsItsNodeInTheNodesGroup() {
        IssuedToken node = IssuedToken.forNode("abc123", "n1", Optional.empty());

        assertThat(node.user()).isEqualTo("system:node:n1");
        assertThat(node.groups()).containsExactly("system:nodes");
    }
}
