package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real browser's page as the dashboard tests drive it: navigate, click and type into elements found by CSS, read
 * their text, run scripts, take screenshots and read the JavaScript errors. Every wait is bounded; a wait that ends
 * without its condition saves a screenshot named after it.
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

    /** Runs {@code script} (a function body, answering with {@code return}) in the page; answers its result. */
    JsonNode script(String script);

    /** Waits (bounded) until {@code script}, run in the page, answers true. */
    void awaitTrue(String what, String script, Duration atMost);

    /** Saves a PNG of the page as {@code name}.png under the screenshot folder. */
    Path screenshot(String name);

    /** The errors of the page's scripts so far (uncaught exceptions, syntax errors, errors the page logged). */
    List<String> javaScriptErrors();

    @Override
    void close();
}
