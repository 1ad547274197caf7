package dev.orc.cli.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Firefox driver {@code DashboardE2E} relies on, on a page of its own: a click and typing reach the page as a
 * user's would, and the page's script errors are reported, so that the dashboard's "no JavaScript errors" can fail.
 */
class FirefoxDriverE2E {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PAGE = """
            <!doctype html><title>start</title>
            <input id="count" type="number" value="7">
            <button id="go" onclick="document.title = 'got ' + document.getElementById('count').value">Go</button>
            <p id="note">a page of the test's own</p>
            """;

    @TempDir
    Path dir;

    @Test
    void clicksAndTypingReachThePageAndItsScriptErrorsAreReported() {
        try (Firefox firefox = Firefox.start(dir.resolve("screenshots"),
                Path.of("target", "e2e-logs", "FirefoxDriverE2E-firefox.log").toAbsolutePath())) {
            firefox.open("data:text/html," + URLEncoder.encode(PAGE, StandardCharsets.UTF_8).replace("+", "%20"));
            assertThat(firefox.text("#note")).isEqualTo("a page of the test's own");

            firefox.type("#count", "12");
            firefox.click("#go");

            firefox.awaitTrue("the click with the typed value", "return document.title === 'got 12'", WAIT);
            assertThat(firefox.javaScriptErrors()).isEmpty();
            firefox.script("setTimeout(() => { throw new TypeError('thrown by the page'); }); "
                    + "console.error('logged by the page')");
            await("the page's errors reported").atMost(WAIT).untilAsserted(() -> assertThat(firefox.javaScriptErrors())
                    .anyMatch(error -> error.contains("thrown by the page"))
                    .anyMatch(error -> error.contains("logged by the page")));
            assertThatThrownBy(() -> firefox.script("return notDefined.value"))
                    .hasMessageContaining("notDefined is not defined");
        }
    }
}
