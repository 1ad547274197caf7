package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.openapi.SwaggerProtobuf;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * OpenAPI v2 at {@code /openapi/v2} as kube-apiserver serves it: the Swagger 2.0 document in JSON, or in protocol
 * buffers when the client asks for them (kubectl and client-go do), each with the hash of its bytes as its ETag; an
 * {@code If-None-Match} of the current ETag is answered 304. The document never changes while the server runs, so it is
 * rendered once.
 */
final class OpenApiV2 {
    static final String PATH = "/openapi/v2";
    private static final String JSON = "application/json";

    private final Rendered json;
    private final Rendered protobuf;

    private record Rendered(byte[] body, String contentType, String etag) {
        static Rendered of(byte[] body, String contentType) {
            return new Rendered(body, contentType, "\"" + sha512(body) + "\"");
        }
    }

    OpenApiV2(ObjectNode document) {
        this.json = Rendered.of(Json.bytes(document), JSON);
        this.protobuf = Rendered.of(SwaggerProtobuf.encode(document), SwaggerProtobuf.ANSWER_CONTENT_TYPE);
    }

    void declare(RoutesConfig http) {
        http.get(PATH, this::serve);
    }

    private void serve(Context ctx) {
        String accept = ctx.header("Accept");
        Rendered document = accept != null && accept.contains("protobuf") ? protobuf : json;
        ctx.header("Vary", "Accept");
        ctx.header("ETag", document.etag());
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && ifNoneMatch.contains(document.etag())) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(document.contentType()).result(document.body());
    }

    private static String sha512(byte[] body) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }
}
