package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium from Debian's {@code chromium} package, driven through {@code chromedriver} with the W3C WebDriver
 * protocol spoken over the JDK's HttpClient: navigate, find by CSS, click, type, read text, take screenshots, and
 * read the browser's console for JavaScript errors.
 */
final class Browser implements PageDriver {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final Duration STEP = Duration.ofSeconds(30);
    /**
     * Navigations tried before giving up: Chromium abandons a page load with ERR_NETWORK_CHANGED (its error page,
     * {@value #ERROR_PAGE}) whenever an address of this machine changes, which Docker does as containers come and go.
     */
    private static final int NAVIGATIONS = 5;
    private static final String ERROR_PAGE = "chrome-error://";

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI session;
    private final Path screenshots;
    private final List<String> console = new ArrayList<>();

    private Browser(Process driver, URI session, Path screenshots) {
        this.driver = driver;
        this.session = session;
        this.screenshots = screenshots;
    }

    /** Starts chromedriver on a free port and a headless browser session that accepts the cluster's certificate. */
    static Browser start(Path screenshots, Path log) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process driver;
        try {
            Files.createDirectories(screenshots);
            Files.createDirectories(log.getParent());
            driver = new ProcessBuilder("chromedriver", "--port=" + port).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("chromedriver does not start (apt-get install chromium chromium-driver): "
                    + e.getMessage(), e);
        }
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        await("chromedriver answering").atMost(STEP).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(base.resolve("status")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200);
        ObjectNode capabilities = Json.object();
        ObjectNode always = capabilities.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome").put("acceptInsecureCerts", true);
        always.putObject("goog:loggingPrefs").put("browser", "ALL");
        ObjectNode chrome = always.putObject("goog:chromeOptions").put("binary", "/usr/bin/chromium");
        chrome.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                .add("--disable-dev-shm-usage").add("--window-size=1280,1000");
        JsonNode created = call(http, "POST", base.resolve("session"), capabilities);
        URI session = base.resolve("session/" + created.path("sessionId").asText() + "/");
        return new Browser(driver, session, screenshots);
    }

    /** Navigates to {@code url}, again (at most {@link #NAVIGATIONS} times) while Chromium shows its error page. */
    @Override
    public void open(String url) {
        for (int attempt = 1; ; attempt++) {
            send("POST", "url", Json.object().put("url", url));
            if (!url().startsWith(ERROR_PAGE) || attempt == NAVIGATIONS) {
                return;
            }
        }
    }

    @Override
    public String url() {
        return send("GET", "url", null).asText();
    }

    /** Waits (bounded) until an element matching {@code css} exists; answers its id. */
    String find(String css) {
        return waitFor("an element " + css, () -> {
            JsonNode found = send("POST", "elements", Json.object().put("using", "css selector").put("value", css));
            return found.isEmpty() ? null : found.get(0).path(ELEMENT).asText();
        });
    }

    @Override
    public String text(String css) {
        return waitFor("the text of " + css, () -> send("GET", "element/" + find(css) + "/text", null).asText());
    }

    @Override
    public String awaitText(String css, String wanted, Duration atMost) {
        return waitFor(css + " showing \"" + wanted + "\"", atMost, () -> {
            String text = send("GET", "element/" + find(css) + "/text", null).asText();
            return text.contains(wanted) ? text : null;
        });
    }

    @Override
    public void click(String css) {
        waitFor("a click on " + css, () -> send("POST", "element/" + find(css) + "/click", Json.object()));
    }

    @Override
    public void type(String css, String text) {
        waitFor("typing into " + css, () -> {
            String element = find(css);
            send("POST", "element/" + element + "/clear", Json.object());
            return send("POST", "element/" + element + "/value", Json.object().put("text", text));
        });
    }

    @Override
    public JsonNode script(String script) {
        ObjectNode body = Json.object().put("script", script);
        body.putArray("args");
        return send("POST", "execute/sync", body);
    }

    @Override
    public void awaitTrue(String what, String script, Duration atMost) {
        waitFor(what, atMost, () -> script(script).asBoolean(false) ? Boolean.TRUE : null);
    }

    @Override
    public Path screenshot(String name) {
        byte[] png = Base64.getDecoder().decode(send("GET", "screenshot", null).asText());
        try {
            return Files.write(screenshots.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The errors of the page's scripts so far (uncaught exceptions, syntax errors, errors logged by the page), leaving
     * out the console's reports of failed requests: a refused or dropped request is the page's to handle.
     */
    @Override
    public List<String> javaScriptErrors() {
        return consoleErrors().stream().filter(line -> !line.contains("Failed to load resource")).toList();
    }

    /** The browser console's error entries so far (JavaScript errors, failed loads), read once each. */
    private List<String> consoleErrors() {
        JsonNode entries = send("POST", "se/log", Json.object().put("type", "browser"));
        for (JsonNode entry : entries) {
            if ("SEVERE".equals(entry.path("level").asText())) {
                console.add(entry.path("message").asText());
            }
        }
        return List.copyOf(console);
    }

    /** Ends the session (chromedriver knows {@code DELETE /session/ID}, not with a trailing slash), so its browser goes too. */
    @Override
    public void close() {
        try {
            String withSlash = session.toString();
            call(http, "DELETE", URI.create(withSlash.substring(0, withSlash.length() - 1)), null);
        } catch (RuntimeException e) {
            // the session went with a crashed browser; the driver is stopped below either way
        }
        driver.destroy();
    }

    private <T> T waitFor(String what, Supplier<T> probe) {
        return waitFor(what, STEP, probe);
    }

    private <T> T waitFor(String what, Duration atMost, Supplier<T> probe) {
        return Waits.until(what, atMost, probe, () -> screenshot(Waits.failureName(what)));
    }

    private JsonNode send(String method, String path, JsonNode body) {
        return call(http, method, session.resolve(path), body);
    }

    private static JsonNode call(HttpClient http, String method, URI uri, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(STEP)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .header("Content-Type", "application/json").build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = Json.parse(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + uri.getPath() + ": "
                        + answer.path("value").path("message").asText(response.body()));
            }
            return answer.path("value");
        } catch (IOException e) {
            throw new UncheckedIOException("WebDriver " + method + " " + uri.getPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted talking to chromedriver", e);
        }
    }
}
