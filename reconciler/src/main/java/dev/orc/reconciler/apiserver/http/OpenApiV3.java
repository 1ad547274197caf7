package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.openapi.OpenApiDocuments;
import dev.orc.api.status.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAPI v3 as kube-apiserver serves it: {@code /openapi/v3} lists each group-version's document with a
 * {@code serverRelativeURL} carrying the hash of its content, and {@code /openapi/v3/apis/apps/v1} answers the
 * document with that hash as its ETag. Asked for with the current hash, a document is cacheable for a year
 * ({@code Cache-Control: public, immutable}); asked for with another, the client is sent to the current one
 * (301); an {@code If-None-Match} of the current ETag is answered 304. The documents never change while the
 * server runs, so they are rendered once.
 */
final class OpenApiV3 {
    static final String PREFIX = "/openapi/v3";
    private static final String JSON = "application/json";

    private final Map<String, Rendered> documents;
    private final Rendered index;
    private final Clock clock;

    private record Rendered(byte[] body, String hash) {
        static Rendered of(ObjectNode document) {
            byte[] body = Json.bytes(document);
            return new Rendered(body, sha512(body));
        }

        String etag() {
            return "\"" + hash + "\"";
        }
    }

    OpenApiV3(OpenApiDocuments source, Clock clock) {
        this.clock = clock;
        Map<String, Rendered> rendered = new LinkedHashMap<>();
        ObjectNode index = Json.object();
        ObjectNode paths = index.putObject("paths");
        source.byPath().forEach((path, document) -> {
            Rendered doc = Rendered.of(document);
            rendered.put(path, doc);
            paths.putObject(path).put("serverRelativeURL", PREFIX + "/" + path + "?hash=" + doc.hash());
        });
        this.documents = Map.copyOf(rendered);
        this.index = Rendered.of(index);
    }

    void declare(RoutesConfig http) {
        http.get(PREFIX, ctx -> serve(ctx, index));
        documents.forEach((path, document) -> http.get(PREFIX + "/" + path, ctx -> document(ctx, path, document)));
    }

    private void document(Context ctx, String path, Rendered document) {
        String accept = ctx.header("Accept");
        if (accept != null && !acceptsJson(accept)) {
            throw new ApiException.NotAcceptable(accept, JSON);
        }
        String hash = ctx.queryParam("hash");
        if (hash != null && !hash.isEmpty()) {
            if (!hash.equals(document.hash())) {
                ctx.status(301).header("Location", PREFIX + "/" + path + "?hash=" + document.hash());
                return;
            }
            ctx.header("Vary", "Accept");
            ctx.header("Cache-Control", "public, immutable");
            ctx.header("Expires", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    clock.instant().atZone(ZoneOffset.UTC).plusYears(1)));
        }
        serve(ctx, document);
    }

    private static void serve(Context ctx, Rendered document) {
        ctx.header("ETag", document.etag());
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(document.etag())) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(JSON).result(document.body());
    }

    /** Whether an Accept header admits JSON: kubectl asks for {@code application/json}, browsers for anything. */
    private static boolean acceptsJson(String accept) {
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].strip();
            if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*") || type.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String sha512(byte[] body) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }
}
