package dev.orc.reconciler.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceType;
import dev.orc.api.table.TableFormat;
import dev.orc.api.table.TableRenderer;
import dev.orc.api.status.ApiException;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Server-side printing: a get or list whose {@code Accept} asks for a meta.k8s.io Table first (as kubectl's does) is
 * answered with the kind's table instead of the objects, its rows holding what {@code includeObject} asks for; so
 * is each object of a watch that asks for one.
 */
final class TableReplies {
    private final Clock clock;

    TableReplies(Clock clock) {
        this.clock = clock;
    }

    /** The Table the request asks for, if it asks for one. */
    Optional<TableFormat> asked(Context ctx) {
        return TableFormat.fromAccept(ctx.header("Accept"));
    }

    ApiHandler list(ResourceType type, TableFormat format, ApiHandler list) {
        return request -> {
            TableRenderer renderer = renderer(type, format, request);
            Reply reply = list.handle(request);
            return reply.code() == 200 ? Reply.ok(renderer.list(reply.body(), clock.instant())) : reply;
        };
    }

    ApiHandler object(ResourceType type, TableFormat format, ApiHandler get) {
        return request -> {
            TableRenderer renderer = renderer(type, format, request);
            Reply reply = get.handle(request);
            return reply.code() == 200 ? Reply.ok(renderer.object(reply.body(), clock.instant())) : reply;
        };
    }

    /**
     * What a watch that asked for a Table sends for each object: a Table of that one row, column definitions
     * included, as kube-apiserver streams {@code kubectl get -w}.
     */
    UnaryOperator<ObjectNode> watchRows(ResourceType type, TableFormat format, ApiRequest request) {
        TableRenderer renderer = renderer(type, format, request);
        return object -> renderer.object(object, clock.instant());
    }

    private static TableRenderer renderer(ResourceType type, TableFormat format, ApiRequest request) {
        try {
            return new TableRenderer(type, format, TableRenderer.Include.parse(request.queryParam("includeObject")
                    .orElse(null)));
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest(e.getMessage());
        }
    }
}
