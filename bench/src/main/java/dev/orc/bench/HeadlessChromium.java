package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.io.File;
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
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Headless Chromium (Debian's {@code chromium}) driven by {@code chromedriver} over the W3C WebDriver protocol, spoken
 * with the JDK's HttpClient: one browser per instance, accepting the server's self-signed certificate.
 */
final class HeadlessChromium implements AutoCloseable {
    static final List<String> PROGRAMS = List.of("chromium", "chromedriver");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

    private final Process driver;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI session;
    private final URI end;

    /** {@code session}: the session's URI with a slash at the end, for its commands; {@code end}: without, to end it. */
    private HeadlessChromium(Process driver, URI session, URI end) {
        this.driver = driver;
        this.session = session;
        this.end = end;
    }

    /** The programs of {@link #PROGRAMS} not found on {@code path} (a PATH value), in that order. */
    static List<String> missing(String path) {
        List<Path> dirs = Stream.of((path == null ? "" : path).split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(Path::of).toList();
        return PROGRAMS.stream().filter(program -> dirs.stream().map(dir -> dir.resolve(program))
                .noneMatch(Files::isExecutable)).toList();
    }

    /** Starts chromedriver on a free loopback port and one headless browser session. */
    static HeadlessChromium start() throws InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for chromedriver: " + e.getMessage(), e);
        }
        Process driver;
        try {
            driver = new ProcessBuilder("chromedriver", "--port=" + port).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start chromedriver: " + e.getMessage(), e);
        }
        try {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            HttpClient http = HttpClient.newHttpClient();
            awaitDriver(http, base, driver);
            ObjectNode capabilities = Json.object();
            ObjectNode always = capabilities.putObject("capabilities").putObject("alwaysMatch");
            always.put("browserName", "chrome").put("acceptInsecureCerts", true);
            always.putObject("goog:loggingPrefs").put("browser", "ALL");
            always.putObject("goog:chromeOptions").put("binary", Optional.ofNullable(locate("chromium")).orElse("chromium"))
                    .putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                    .add("--disable-dev-shm-usage").add("--window-size=1280,1000");
            JsonNode created = call(http, "POST", base.resolve("session"), capabilities);
            String id = created.path("sessionId").asText();
            HeadlessChromium browser = new HeadlessChromium(driver, base.resolve("session/" + id + "/"), base.resolve("session/" + id));
            ObjectNode timeouts = Json.object().put("script", CALL_TIMEOUT.toMillis()).put("pageLoad", CALL_TIMEOUT.toMillis());
            browser.send("POST", "timeouts", timeouts);
            return browser;
        } catch (RuntimeException | InterruptedException e) {
            driver.destroy();
            throw e;
        }
    }

    private static String locate(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static void awaitDriver(HttpClient http, URI base, Process driver) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!driver.isAlive()) {
                throw new IllegalStateException("chromedriver exited with " + driver.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("status")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chromedriver did not answer within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    void open(String url) {
        send("POST", "url", Json.object().put("url", url));
    }

    /** Runs {@code script} in the page and answers its result. */
    JsonNode script(String script) {
        ObjectNode body = Json.object().put("script", script);
        body.putArray("args");
        return send("POST", "execute/sync", body);
    }

    /**
     * Runs {@code script} in the page, which calls its last argument with the result; answers that result. A script
     * that fails or times out is an error naming the page's address, the start of its text and its console's errors.
     */
    JsonNode asyncScript(String script) {
        ObjectNode body = Json.object().put("script", script);
        body.putArray("args");
        try {
            return send("POST", "execute/async", body);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; the page: " + pageState(), e);
        }
    }

    /** The page's address, the start of its text and its console's errors so far, for an error message. */
    String pageState() {
        try {
            String text = script("return location.href + ' showing: ' + document.body.innerText.slice(0, 300)").asText();
            List<String> errors = new ArrayList<>();
            for (JsonNode entry : send("POST", "se/log", Json.object().put("type", "browser"))) {
                if ("SEVERE".equals(entry.path("level").asText())) {
                    errors.add(entry.path("message").asText());
                }
            }
            return text.replace('\n', ' ') + "; console errors: " + (errors.isEmpty() ? "none" : String.join(" | ", errors));
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Ends the session, which quits the browser, then stops chromedriver. */
    @Override
    public void close() {
        try {
            call(http, "DELETE", end, null);
        } catch (RuntimeException e) {
            // the browser went away already; the driver is stopped below either way
        }
        driver.destroy();
    }

    private JsonNode send(String method, String path, JsonNode body) {
        return call(http, method, session.resolve(path), body);
    }

    private static JsonNode call(HttpClient http, String method, URI uri, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT.plusSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .header("Content-Type", "application/json").build();
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode value = Json.parse(answer.body()).path("value");
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("WebDriver " + method + " " + uri.getPath() + " answered "
                        + answer.statusCode() + ": " + value.path("message").asText(value.toString()));
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("WebDriver " + method + " " + uri.getPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling WebDriver " + method + " " + uri.getPath(), e);
        }
    }
}
