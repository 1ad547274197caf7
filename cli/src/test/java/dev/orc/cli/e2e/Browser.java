package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import org.awaitility.core.ConditionTimeoutException;

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
    private static final String BLANK = "about:blank";
    private static final Duration SCRIPT_START = Duration.ofSeconds(15);

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI session;
    private final Path screenshots;
    private final List<String> console = new ArrayList<>();
    private final List<String> retriedNavigations = new ArrayList<>();

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

    /**
     * Navigates to {@code url}, again (at most {@link #NAVIGATIONS} times) while Chromium shows its error page or the
     * dashboard's script did not start within {@link #SCRIPT_START} (a module load the same network change abandoned
     * leaves the page on its static "Loading…"; the login code is then still unused). Each try after the first starts
     * from {@value #BLANK}: the dashboard's pages differ in their fragment only, and a navigation that changes only the
     * fragment keeps the document, a dead one included.
     */
    @Override
    public void open(String url) {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                navigate(BLANK);
            }
            navigate(url);
            String reached = url();
            if (!reached.startsWith(ERROR_PAGE) && started()) {
                return;
            }
            String retried = "navigation " + attempt + " to " + url + " ended on " + reached
                    + (reached.startsWith(ERROR_PAGE) ? "" : " with the dashboard's script not started");
            retriedNavigations.add(retried);
            System.err.println("Chromium: " + retried + "; failed loads: " + consoleErrors());
            if (attempt == NAVIGATIONS) {
                return;
            }
        }
    }

    /** Navigates to {@code url} once, whatever the page then does. */
    void navigate(String url) {
        send("POST", "url", Json.object().put("url", url));
    }

    /** Fails every request of the page whose URL matches one of {@code patterns} ({@code *} for any text), or none. */
    void blockUrls(List<String> patterns) {
        devTools("Network.enable", Json.object());
        ObjectNode blocked = Json.object();
        patterns.forEach(blocked.putArray("urls")::add);
        devTools("Network.setBlockedURLs", blocked);
    }

    private void devTools(String command, ObjectNode parameters) {
        ObjectNode body = Json.object().put("cmd", command);
        body.set("params", parameters);
        send("POST", "goog/cdp/execute", body);
    }

    private boolean started() {
        try {
            await("the dashboard's script to start").atMost(SCRIPT_START).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> script("return document.documentElement.dataset.started === 'true'")
                            .asBoolean(false));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
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
    public void resize(int width, int height) {
        send("POST", "window/rect", Json.object().put("width", width).put("height", height));
    }

    @Override
    public void press(String key) {
        ObjectNode actions = Json.object();
        ArrayNode keys = actions.putArray("actions").addObject().put("type", "key").put("id", "keyboard")
                .putArray("actions");
        keys.addObject().put("type", "keyDown").put("value", key);
        keys.addObject().put("type", "keyUp").put("value", key);
        send("POST", "actions", actions);
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

    /**
     * Adds the navigations tried again and the console's failed loads (with Chromium's net:: error codes) to what the
     * page shows.
     */
    @Override
    public String describe(String what) {
        String page = PageDriver.super.describe(what);
        try {
            return page + "navigations tried again: " + retriedNavigations + "\nconsole errors: " + consoleErrors();
        } catch (RuntimeException e) {
            return page + "console errors: (unreadable: " + e.getMessage() + ")";
        }
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
        return Waits.until(what, atMost, probe, () -> describe(what));
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
