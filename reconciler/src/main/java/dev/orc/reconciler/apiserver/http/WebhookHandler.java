package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.gitops.Ownership;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.Secret;
import dev.orc.reconciler.apiserver.registry.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.gitops.PushEvent;
import dev.orc.reconciler.gitops.WebhookSignature;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /hooks/git/{namespace}/{name}}: a Git host's push webhook. A delivery proved by the source's
 * shared secret, for the source's branch and touching its path, asks for a sync at once (the request
 * annotation the GitSource controller watches); one for another branch or other paths is acknowledged and
 * ignored; an unknown source (404), a bad or missing signature (401), a body over 1 MiB (413) or a flood
 * (429) triggers nothing.
 */
public final class WebhookHandler implements Handler {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Deliveries a source may burst; beyond that they are admitted at {@link #REFILL_PER_SECOND}. */
    private static final double BURST = 20;
    private static final double REFILL_PER_SECOND = 5;

    private final ObjectRegistry registry;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** A token bucket per source: a flood of deliveries is refused, ordinary bursts of pushes are not. */
    private record Bucket(double tokens, Instant at) {
        Bucket take(Instant now) {
            double refilled = Math.min(BURST, tokens + Duration.between(at, now).toNanos() / 1e9 * REFILL_PER_SECOND);
            return new Bucket(refilled - 1, now);
        }
    }

    public WebhookHandler(ObjectRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        byte[] body = readBody(ctx);
        String namespace = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        GitSource source = Json.convert(registry.get(ResourceTypes.GIT_SOURCE, namespace, name), GitSource.class);
        byte[] secret = webhookSecret(source);
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach((key, value) -> headers.put(key.toLowerCase(Locale.ROOT), value));
        WebhookSignature.Verdict verdict = WebhookSignature.verify(headers, body, secret);
        if (!verdict.valid()) {
            throw new ApiException.Unauthorized("webhook refused: " + verdict.reason());
        }
        PushEvent push = PushEvent.parse(body);
        String branch = source.spec().ref() == null ? null : source.spec().ref().branch();
        if (branch != null && !push.isForBranch(branch)) {
            reply(ctx, "ignored", "push to " + push.ref().orElse("?") + "; this source follows branch " + branch);
            return;
        }
        String path = source.spec().path() == null ? "" : source.spec().path().replaceAll("^\\./|/$", "");
        if (!push.touches(path)) {
            reply(ctx, "ignored", "the push changes no file under " + path);
            return;
        }
        String key = namespace + "/" + name;
        Instant now = clock.instant();
        Bucket bucket = buckets.compute(key, (k, current) -> (current == null ? new Bucket(BURST, now) : current).take(now));
        if (bucket.tokens() < 0) {
            buckets.computeIfPresent(key, (k, current) -> new Bucket(current.tokens() + 1, current.at()));
            throw new ApiException.TooManyRequests("webhook deliveries for GitSource " + key + " are coming too fast; retry shortly");
        }
        registry.modify(ResourceTypes.GIT_SOURCE, namespace, name, object -> {
            ObjectNode metadata = (ObjectNode) object.get("metadata");
            JsonNode annotations = metadata.get("annotations");
            ObjectNode map = annotations instanceof ObjectNode existing ? existing : metadata.putObject("annotations");
            map.put(Ownership.SYNC_REQUEST_ANNOTATION, now.toString());
            return object;
        }, ObjectRegistry.Part.MAIN, false);
        reply(ctx, "accepted", "sync of GitSource " + key + " requested");
    }

    private byte[] webhookSecret(GitSource source) {
        String sourceName = source.metadata().namespace() + "/" + source.metadata().name();
        if (source.spec().webhook() == null || source.spec().webhook().secretRef() == null) {
            throw new ApiException.Unauthorized("webhook refused: GitSource " + sourceName + " has no spec.webhook.secretRef");
        }
        String secretName = source.spec().webhook().secretRef().name();
        Secret secret;
        try {
            secret = Json.convert(registry.get(ResourceTypes.SECRET, source.metadata().namespace(), secretName), Secret.class);
        } catch (ApiException.NotFound e) {
            throw new ApiException.Unauthorized("webhook refused: the webhook Secret of GitSource " + sourceName + " is missing");
        }
        return secret.value("secret").or(() -> secret.value("token"))
                .orElseThrow(() -> new ApiException.Unauthorized("webhook refused: Secret " + secretName + " has no key \"secret\""));
    }

    private static byte[] readBody(Context ctx) throws java.io.IOException {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiException.RequestEntityTooLarge(MAX_BODY_BYTES);
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException.RequestEntityTooLarge(MAX_BODY_BYTES);
            }
            return body;
        }
    }

    private static void reply(Context ctx, String result, String message) {
        ObjectNode body = Json.object().put("result", result).put("message", message);
        ctx.status(202).contentType("application/json").result(Json.write(body));
    }
}
