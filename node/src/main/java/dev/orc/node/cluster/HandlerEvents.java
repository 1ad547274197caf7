package dev.orc.node.cluster;

import dev.orc.api.cache.Cached;
import dev.orc.api.cache.EventHandler;
import dev.orc.api.model.KubeObject;

import java.util.List;

/** An informer's events as a {@link NodeApi.Handler} takes them: every object after each list, then each change. */
public final class HandlerEvents<T extends KubeObject> implements EventHandler<T> {
    private final NodeApi.Handler<T> handler;

    public HandlerEvents(NodeApi.Handler<T> handler) {
        this.handler = handler;
    }

    @Override
    public void onAdd(Cached<T> object) {
        handler.upsert(object.view());
    }

    @Override
    public void onUpdate(Cached<T> oldObject, Cached<T> newObject) {
        handler.upsert(newObject.view());
    }

    @Override
    public void onDelete(Cached<T> object) {
        handler.delete(object.view());
    }

    @Override
    public void onListed(List<Cached<T>> all) {
        handler.replaceAll(all.stream().map(Cached::view).toList());
    }
}
