package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A real browser's page as the dashboard tests drive it: navigate, click and type into elements found by CSS, read
 * their text, run scripts, take screenshots and read the JavaScript errors. Every wait is bounded; a wait that ends
 * without its condition saves a screenshot named after it and says what the page showed.
 */
interface PageDriver extends AutoCloseable {
    void open(String url);

    String url();

    /** The rendered text of the element matching {@code css} (waiting, bounded, for it to exist). */
    String text(String css);

    /** Waits (bounded) until the text of {@code css} contains {@code wanted}; answers the text. */
    String awaitText(String css, String wanted, Duration atMost);

    /** Clicks the element matching {@code css}, again if the page redrew it before the click reached it. */
    void click(String css);

    /** Replaces what the input matching {@code css} holds by {@code text}, typed key by key. */
    void type(String css, String text);

    /** Sizes the page's viewport (in Chromium its window) to {@code width} by {@code height} CSS pixels. */
    void resize(int width, int height);

    /** Presses and releases {@code key}, a character or a WebDriver key (U+E014 is →), on the focused element. */
    void press(String key);

    /** Runs {@code script} (a function body, answering with {@code return}) in the page; answers its result. */
    JsonNode script(String script);

    /** Waits (bounded) until {@code script}, run in the page, answers true. */
    void awaitTrue(String what, String script, Duration atMost);

    /** Saves a PNG of the page as {@code name}.png under the screenshot folder. */
    Path screenshot(String name);

    /** The errors of the page's scripts so far (uncaught exceptions, syntax errors, errors the page logged). */
    List<String> javaScriptErrors();

    /**
     * The page as it stands when a wait for {@code what} fails, for the failure's message: its address, visible text
     * and script errors; saves a screenshot named after {@code what} on the way. Each part that cannot be read says so.
     */
    default String describe(String what) {
        StringBuilder out = new StringBuilder();
        out.append("screenshot: ").append(readOr(() -> screenshot(Waits.failureName(what))));
        out.append("\npage: ").append(readOr(this::url));
        out.append("\nscript errors: ").append(readOr(this::javaScriptErrors));
        out.append("\nvisible text:\n").append(readOr(() -> script(
                "return document.body ? document.body.innerText.slice(0, 2000) : '(no body)'").asText()).indent(4));
        return out.toString();
    }

    private static String readOr(Supplier<?> part) {
        try {
            return String.valueOf(part.get());
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    void close();
}
