package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.gitops.Ownership;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.GitSource;
import dev.orc.api.model.GitSourceSpec;
import dev.orc.api.model.Secret;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.gitops.PushEvent;
import dev.orc.reconciler.gitops.WebhookSignature;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /hooks/git/{namespace}/{name}}: a Git host's push webhook. A delivery proved by the source's
 * shared secret, for the source's branch and touching its path, asks for a sync at once (the request
 * annotation the GitSource controller watches); one for another branch or other paths, or a delivery id seen
 * lately (a replay), is acknowledged and ignored. Deliveries are rate-limited per source and per client address
 * before anything is read (429); every refusal of the signature is the same 401, whether the source exists, has a
 * webhook Secret, or a secret of at least {@value #MIN_SECRET_BYTES} bytes, so nothing about them leaks (the reason
 * goes to the log); a body over 1 MiB is 413.
 */
public final class WebhookHandler implements Handler {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MIN_SECRET_BYTES = 16;
    static final String REFUSED = "webhook refused: not signed with this GitSource's webhook secret";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
    private static final int MAX_LIMITED_KEYS = 10_000;
    private static final List<String> DELIVERY_ID_HEADERS = List.of("x-github-delivery", "x-gitea-delivery");
    /** What a missing secret is checked against, so that a refusal takes as long as any other. */
    private static final byte[] NO_SECRET = randomBytes(32);

    private final ObjectRegistry registry;
    private final Clock clock;
    private final DeliveryLimiter perSource;
    private final DeliveryLimiter perClient;
    private final RecentDeliveries recent = new RecentDeliveries(Duration.ofHours(1), 10_000);

    public WebhookHandler(ObjectRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.perSource = new DeliveryLimiter(20, 5, MAX_LIMITED_KEYS, clock);
        this.perClient = new DeliveryLimiter(200, 50, MAX_LIMITED_KEYS, clock);
    }

    @Override
    public void handle(Context ctx) throws Exception {
        String namespace = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        String key = namespace + "/" + name;
        if (!perClient.tryTake(ctx.ip()) || !perSource.tryTake(key)) {
            throw new ApiException.TooManyRequests("webhook deliveries are coming too fast; retry shortly");
        }
        byte[] body = readBody(ctx);
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach((header, value) -> headers.put(header.toLowerCase(Locale.ROOT), value));
        Optional<GitSource> source = find(namespace, name);
        Optional<byte[]> secret = source.flatMap(found -> webhookSecret(found, key));
        WebhookSignature.Verdict verdict = WebhookSignature.verify(headers, body, secret.orElse(NO_SECRET));
        if (secret.isEmpty() || !verdict.valid()) {
            if (secret.isPresent()) {
                LOG.info("webhook delivery for GitSource {} refused: {}", key, verdict.reason());
            }
            throw new ApiException.Unauthorized(REFUSED);
        }
        Instant now = clock.instant();
        Optional<String> deliveryId = DELIVERY_ID_HEADERS.stream().map(headers::get).filter(id -> id != null && !id.isBlank())
                .findFirst();
        if (deliveryId.isPresent() && !recent.firstTime(key + "/" + deliveryId.get(), now)) {
            reply(ctx, "ignored", "delivery " + deliveryId.get() + " was already received");
            return;
        }
        PushEvent push = PushEvent.parse(body);
        GitSourceSpec spec = source.get().spec();
        String branch = spec.ref() == null ? null : spec.ref().branch();
        if (branch != null && !push.isForBranch(branch)) {
            reply(ctx, "ignored", "push to " + push.ref().orElse("?") + "; this source follows branch " + branch);
            return;
        }
        String path = spec.path() == null ? "" : spec.path().replaceAll("^\\./|/$", "");
        if (!push.touches(path)) {
            reply(ctx, "ignored", "the push changes no file under " + path);
            return;
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

    private Optional<GitSource> find(String namespace, String name) {
        try {
            return Optional.of(Json.convert(registry.get(ResourceTypes.GIT_SOURCE, namespace, name), GitSource.class));
        } catch (ApiException.NotFound e) {
            return Optional.empty();
        }
    }

    /** The source's webhook secret, if it has one that is long enough; why not is logged, never answered. */
    private Optional<byte[]> webhookSecret(GitSource source, String key) {
        if (source.spec().webhook() == null || source.spec().webhook().secretRef() == null) {
            LOG.info("webhook delivery for GitSource {} refused: it has no spec.webhook.secretRef", key);
            return Optional.empty();
        }
        String secretName = source.spec().webhook().secretRef().name();
        Optional<byte[]> value;
        try {
            Secret secret = Json.convert(registry.get(ResourceTypes.SECRET, source.metadata().namespace(), secretName),
                    Secret.class);
            value = secret.value("secret").or(() -> secret.value("token"));
        } catch (ApiException.NotFound e) {
            value = Optional.empty();
        }
        if (value.isEmpty()) {
            LOG.info("webhook delivery for GitSource {} refused: Secret {} is missing or has no key \"secret\"", key, secretName);
            return Optional.empty();
        }
        if (value.get().length < MIN_SECRET_BYTES) {
            LOG.warn("webhook delivery for GitSource {} refused: the secret in Secret {} is shorter than {} bytes",
                    key, secretName, MIN_SECRET_BYTES);
            return Optional.empty();
        }
        return value;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
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
