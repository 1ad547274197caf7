package dev.orc.api.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventHandlerTest {
    private static ObjectNode object(String name) {
        ObjectNode object = Json.object();
        object.putObject("metadata").put("namespace", "default").put("name", name);
        return object;
    }

    @Test
    void enqueueOwnKeyEnqueuesTheObjectItselfOnEveryChange() {
        List<ObjectKey> keys = new ArrayList<>();
        EventHandler handler = EventHandler.enqueueOwnKey(keys::add);

        handler.onAdd(object("a"));
        handler.onUpdate(object("b-old"), object("b"));
        handler.onDelete(object("c"));

        assertThat(keys).containsExactly(new ObjectKey("default", "a"), new ObjectKey("default", "b"),
                new ObjectKey("default", "c"));
    }

    @Test
    void enqueueEachVersionHandsOverTheOldAndThenTheNewVersionOnUpdate() {
        List<String> seen = new ArrayList<>();
        EventHandler handler = EventHandler.enqueueEachVersion(o -> seen.add(o.path("metadata").path("name").asText()));

        handler.onAdd(object("a"));
        handler.onUpdate(object("b-old"), object("b-new"));
        handler.onDelete(object("c"));

        assertThat(seen).containsExactly("a", "b-old", "b-new", "c");
    }
}
