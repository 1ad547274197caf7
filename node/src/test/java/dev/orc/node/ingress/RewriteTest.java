package dev.orc.node.ingress;

import dev.orc.api.ingress.IngressRouter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ingress-nginx's rewrite-target: the matched prefix replaced, or with regex paths the whole path from captures. */
class RewriteTest {
    private static IngressRouter.Match<String> prefix(String matched) {
        return new IngressRouter.Match<>("web", matched, List.of());
    }

    private static IngressRouter.Match<String> regex(String... captures) {
        return new IngressRouter.Match<>("web", captures[0], List.of(captures));
    }

    @Test
    void aPrefixPathHasItsMatchedPrefixReplaced() {
        assertThat(PathRewrite.rewritten("/app/static/a.js", prefix("/app"), "/")).isEqualTo("/static/a.js");
        assertThat(PathRewrite.rewritten("/app", prefix("/app"), "/v2")).isEqualTo("/v2");
        assertThat(PathRewrite.rewritten("/app/x", prefix("/app"), null)).isEqualTo("/app/x");
    }

    @Test
    void aRegexPathBecomesTheTargetWithItsCapturesAsNginxRewrites() {
        assertThat(PathRewrite.rewritten("/something/new", regex("/something/new", "/", "new"), "/$2"))
                .isEqualTo("/new");
        assertThat(PathRewrite.rewritten("/something", regex("/something", "", ""), "/$2")).isEqualTo("/");
        assertThat(PathRewrite.rewritten("/shop/cart/7", regex("/shop/cart/7", "cart", "7"), "/v1/$1?id=$2-$9"))
                .isEqualTo("/v1/cart?id=7-");
    }
}
