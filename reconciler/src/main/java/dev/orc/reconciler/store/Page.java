package dev.orc.reconciler.store;

import java.util.List;

/**
 * One page of a prefix listing. {@code revision} is the store revision the whole listing is read at;
 * {@code continueKey} is null on the last page, otherwise the value to pass as
 * {@link ListOptions#continueAfter()} (together with {@code revision}) for the next page.
 */
public record Page(List<KeyValue> items, long revision, String continueKey) {
    public Page {
        items = List.copyOf(items);
    }
}
