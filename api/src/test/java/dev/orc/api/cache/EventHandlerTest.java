package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Pod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventHandlerTest {
    private static Cached<Pod> object(String name) {
        ObjectNode object = Json.object();
        object.putObject("metadata").put("namespace", "default").put("name", name);
        return Cached.of(object, Pod.class);
    }

    @Test
    void enqueueOwnKeyEnqueuesTheObjectItselfOnEveryChange() {
        List<ObjectKey> keys = new ArrayList<>();
        EventHandler<Pod> handler = EventHandler.enqueueOwnKey(keys::add);

        handler.onAdd(object("a"));
        handler.onUpdate(object("b-old"), object("b"));
        handler.onDelete(object("c"));

        assertThat(keys).containsExactly(new ObjectKey("default", "a"), new ObjectKey("default", "b"),
                new ObjectKey("default", "c"));
    }

    @Test
    void enqueueEachVersionHandsOverTheOldAndThenTheNewVersionOnUpdate() {
        List<String> seen = new ArrayList<>();
        EventHandler<Pod> handler = EventHandler.enqueueEachVersion(o -> seen.add(o.name()));

        handler.onAdd(object("a"));
        handler.onUpdate(object("b-old"), object("b-new"));
        handler.onDelete(object("c"));

        assertThat(seen).containsExactly("a", "b-old", "b-new", "c");
    }
}
