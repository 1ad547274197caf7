package dev.orc.api.gitops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.table.Column;
import dev.orc.api.table.Columns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A repository URL's user and password never reach a message, a table or the CLI's output. */
class UrlCredentialsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://alice:s3cret@git.example.com/shop.git | https://***@git.example.com/shop.git",
            "fetch of http://token@git.example.com/x failed | fetch of http://***@git.example.com/x failed",
            "ssh://git:pa55@git.example.com/shop.git | ssh://git:***@git.example.com/shop.git",
            "ssh://git@git.example.com/shop.git | ssh://git@git.example.com/shop.git",
            "git@github.com:org/repo.git | git@github.com:org/repo.git",
            "https://git.example.com/shop.git | https://git.example.com/shop.git"})
    void credentialsInUrlsAreHidden(String text, String shown) {
        assertThat(UrlCredentials.redact(text)).isEqualTo(shown);
    }

    @Test
    void theGitSourceTableShowsTheUrlWithoutItsCredentials() {
        ObjectNode source = Json.object().put("apiVersion", "orc.dev/v1").put("kind", "GitSource");
        source.putObject("metadata").put("name", "shop");
        source.putObject("spec").put("url", "https://alice:s3cret@git.example.com/shop.git");
        Column url = Columns.of(ResourceTypes.GIT_SOURCE).get(1);

        assertThat(url.name()).isEqualTo("URL");
        assertThat(url.cell(source, Instant.EPOCH)).isEqualTo("https://***@git.example.com/shop.git");
    }
}
