package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Headless Firefox from Debian's {@code firefox-esr} package, driven through the WebDriver BiDi it serves itself on its
 * remote debugging port (Debian has no geckodriver): navigate, find by CSS, click and type with real pointer and key
 * input, read text, take screenshots, and collect the JavaScript errors the page's console reports.
 */
final class Firefox implements PageDriver {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String CONTROL = "\uE009";
    private static final String BACKSPACE = "\uE003";
    private static final String FIND = """
            (css) => {
              const element = document.querySelector(css);
              if (element) element.scrollIntoView({ block: 'center', inline: 'center' });
              return element;
            }""";
    private static final String TEXT = "(css) => { const element = document.querySelector(css); "
            + "return element ? element.innerText : null; }";

    private final FirefoxProcess process;
    private final BiDi bidi;
    private final String context;
    private final Path screenshots;
    private final List<String> errors;

    private Firefox(FirefoxProcess process, BiDi bidi, String context, Path screenshots, List<String> errors) {
        this.process = process;
        this.bidi = bidi;
        this.context = context;
        this.screenshots = screenshots;
        this.errors = errors;
    }

    /** Starts headless Firefox and opens a BiDi session on it that accepts the cluster's self-signed certificate. */
    static Firefox start(Path screenshots, Path log) {
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FirefoxProcess process = FirefoxProcess.start(log);
        HttpClient http = HttpClient.newHttpClient();
        BiDi bidi = Waits.until("Firefox serving WebDriver BiDi at " + process.bidi() + " (log: " + log + ")", STARTUP,
                () -> {
                    process.requireRunning();
                    return BiDi.connect(http, process.bidi());
                }, () -> {
                    process.close();
                    return "Firefox stopped; its log: " + log;
                });
        try {
            return session(process, bidi, screenshots);
        } catch (RuntimeException e) {
            bidi.close();
            process.close();
            throw e;
        }
    }

    /** Opens the session, subscribes to the console's entries and sizes the page's viewport as Chromium's window. */
    private static Firefox session(FirefoxProcess process, BiDi bidi, Path screenshots) {
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        bidi.on("log.entryAdded", entry -> {
            if ("error".equals(entry.path("level").asText())) {
                errors.add(entry.path("type").asText() + ": " + entry.path("text").asText()
                        + " (" + entry.path("stackTrace").path("callFrames").path(0).path("url").asText() + ")");
            }
        });
        ObjectNode capabilities = Json.object();
        capabilities.putObject("capabilities").putObject("alwaysMatch").put("acceptInsecureCerts", true);
        bidi.send("session.new", capabilities);
        ObjectNode subscribe = Json.object();
        subscribe.putArray("events").add("log.entryAdded");
        bidi.send("session.subscribe", subscribe);
        String context = bidi.send("browsingContext.getTree", Json.object()).path("contexts").path(0).path("context")
                .asText();
        ObjectNode viewport = Json.object().put("context", context);
        viewport.putObject("viewport").put("width", 1280).put("height", 1000);
        bidi.send("browsingContext.setViewport", viewport);
        return new Firefox(process, bidi, context, screenshots, errors);
    }

    @Override
    public void open(String url) {
        bidi.send("browsingContext.navigate", Json.object().put("context", context).put("url", url)
                .put("wait", "complete"));
    }

    @Override
    public String url() {
        return script("return location.href").asText();
    }

    @Override
    public String text(String css) {
        return waitFor("the text of " + css, STEP, () -> textOf(css));
    }

    @Override
    public String awaitText(String css, String wanted, Duration atMost) {
        return waitFor(css + " showing \"" + wanted + "\"", atMost, () -> {
            String text = textOf(css);
            return text != null && text.contains(wanted) ? text : null;
        });
    }

    @Override
    public void click(String css) {
        waitFor("a click on " + css, STEP, () -> {
            perform(clickOn(element(css)), null);
            return Boolean.TRUE;
        });
    }

    @Override
    public void type(String css, String text) {
        waitFor("typing into " + css, STEP, () -> {
            ArrayNode pointer = clickOn(element(css));
            ArrayNode keys = Json.mapper().createArrayNode();
            press(keys, CONTROL, true);
            press(keys, "a", true);
            press(keys, "a", false);
            press(keys, CONTROL, false);
            press(keys, BACKSPACE, true);
            press(keys, BACKSPACE, false);
            text.codePoints().mapToObj(Character::toString).forEach(key -> {
                press(keys, key, true);
                press(keys, key, false);
            });
            perform(pointer, null);
            perform(null, keys);
            return Boolean.TRUE;
        });
    }

    @Override
    public void resize(int width, int height) {
        ObjectNode viewport = Json.object().put("context", context);
        viewport.putObject("viewport").put("width", width).put("height", height);
        bidi.send("browsingContext.setViewport", viewport);
    }

    @Override
    public void press(String key) {
        ArrayNode keys = Json.mapper().createArrayNode();
        press(keys, key, true);
        press(keys, key, false);
        perform(null, keys);
    }

    @Override
    public JsonNode script(String script) {
        return call("function () {\n" + script + "\n}", Json.mapper().createArrayNode());
    }

    @Override
    public void awaitTrue(String what, String script, Duration atMost) {
        waitFor(what, atMost, () -> script(script).asBoolean(false) ? Boolean.TRUE : null);
    }

    @Override
    public Path screenshot(String name) {
        String png = bidi.send("browsingContext.captureScreenshot", Json.object().put("context", context))
                .path("data").asText();
        try {
            return Files.write(screenshots.resolve(name + ".png"), Base64.getDecoder().decode(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> javaScriptErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Ends the session, then stops Firefox and deletes its profile. */
    @Override
    public void close() {
        try {
            bidi.send("session.end", Json.object());
        } catch (RuntimeException e) {
            // a crashed browser took the session with it; the process is stopped below either way
        }
        bidi.close();
        process.close();
    }

    private String textOf(String css) {
        JsonNode text = call(TEXT, Json.mapper().createArrayNode().add(string(css)));
        return text.isNull() ? null : text.asText();
    }

    /** The element matching {@code css}, scrolled into view, as a BiDi shared reference; fails when there is none. */
    private ObjectNode element(String css) {
        JsonNode result = callRaw(FIND, Json.mapper().createArrayNode().add(string(css)));
        if (!"node".equals(result.path("type").asText())) {
            throw new IllegalStateException("no element matches " + css);
        }
        return Json.object().put("sharedId", result.path("sharedId").asText());
    }

    /** A mouse's actions: to the middle of {@code element}, then a press and release of its main button. */
    private static ArrayNode clickOn(ObjectNode element) {
        ArrayNode actions = Json.mapper().createArrayNode();
        ObjectNode move = actions.addObject().put("type", "pointerMove").put("x", 0).put("y", 0);
        move.putObject("origin").put("type", "element").set("element", element);
        actions.addObject().put("type", "pointerDown").put("button", 0);
        actions.addObject().put("type", "pointerUp").put("button", 0);
        return actions;
    }

    private static void press(ArrayNode keys, String key, boolean down) {
        keys.addObject().put("type", down ? "keyDown" : "keyUp").put("value", key);
    }

    private void perform(ArrayNode pointer, ArrayNode keys) {
        ObjectNode params = Json.object().put("context", context);
        ArrayNode sources = params.putArray("actions");
        if (pointer != null) {
            ObjectNode mouse = sources.addObject().put("type", "pointer").put("id", "mouse");
            mouse.putObject("parameters").put("pointerType", "mouse");
            mouse.set("actions", pointer);
        }
        if (keys != null) {
            sources.addObject().put("type", "key").put("id", "keyboard").set("actions", keys);
        }
        bidi.send("input.performActions", params);
    }

    private JsonNode call(String function, ArrayNode arguments) {
        return local(callRaw(function, arguments));
    }

    /** Calls {@code function} in the page with {@code arguments}; answers its result as BiDi serialized it. */
    private JsonNode callRaw(String function, ArrayNode arguments) {
        ObjectNode params = Json.object().put("functionDeclaration", function).put("awaitPromise", true)
                .put("resultOwnership", "none");
        params.set("arguments", arguments);
        params.putObject("target").put("context", context);
        JsonNode answer = bidi.send("script.callFunction", params);
        if ("exception".equals(answer.path("type").asText())) {
            throw new IllegalStateException("the script failed in the page: "
                    + answer.path("exceptionDetails").path("text").asText());
        }
        return answer.path("result");
    }

    /** A BiDi remote value (a primitive or an array of them) as JSON. */
    private static JsonNode local(JsonNode remote) {
        String type = remote.path("type").asText();
        return switch (type) {
            case "string", "number", "boolean" -> remote.path("value");
            case "null", "undefined" -> NullNode.getInstance();
            case "array" -> {
                ArrayNode array = Json.mapper().createArrayNode();
                remote.path("value").forEach(item -> array.add(local(item)));
                yield array;
            }
            default -> throw new IllegalStateException("the script answered a " + type
                    + "; answer a string, number, boolean or an array of them");
        };
    }

    private static ObjectNode string(String value) {
        return Json.object().put("type", "string").put("value", value);
    }

    private <T> T waitFor(String what, Duration atMost, Supplier<T> probe) {
        return Waits.until(what, atMost, probe, () -> describe(what));
    }
}
