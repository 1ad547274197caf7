package dev.orc.reconciler.apiserver.ui;

import dev.orc.api.status.ApiException;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard's files, bundled in the jar under {@value #ROOT}: plain HTML, CSS and ES modules, served with a
 * content security policy that lets the page load and call nothing but this server.
 */
public final class UiAssets {
    static final String ROOT = "/dev/orc/ui/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** Answers {@code name} (relative to the root), or 404 for a name that is not one of the files. */
    public void serve(Context ctx, String name) {
        byte[] body = read(name).orElseThrow(() -> new ApiException.NotFound("the dashboard has no file " + name));
        ctx.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .contentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .result(body);
    }

    static Optional<byte[]> read(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = UiAssets.class.getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name + ": " + e.getMessage(), e);
        }
    }
}
