package dev.orc.api.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.model.DaemonSetStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonSameTest {
    @Test
    void aRecordsTreeIsTheSameAsItsJsonParsedAgain() {
        DaemonSetStatus status = new DaemonSetStatus(1, 0, 1, 0, 7L, 1, 0, 1, null, List.of());
        ObjectNode built = (ObjectNode) Json.tree(status);
        ObjectNode parsed = (ObjectNode) Json.parse(Json.bytes(status));

        assertThat(built.equals(parsed)).as("Jackson's equals tells a long node from an int node").isFalse();
        assertThat(Json.same(built, parsed)).isTrue();
    }

    @Test
    void numbersCompareByValueAndFieldsInAnyOrder() {
        assertThat(Json.same(Json.parse("{\"a\":1,\"b\":[2.0,{\"c\":3}]}"), Json.parse("{\"b\":[2,{\"c\":3.00}],\"a\":1}")))
                .isTrue();
    }

    @Test
    void differencesAreDifferent() {
        assertThat(Json.same(Json.parse("{\"a\":1}"), Json.parse("{\"a\":2}"))).isFalse();
        assertThat(Json.same(Json.parse("{\"a\":1}"), Json.parse("{\"a\":\"1\"}"))).isFalse();
        assertThat(Json.same(Json.parse("{\"a\":1}"), Json.parse("{\"a\":1,\"b\":null}"))).isFalse();
        assertThat(Json.same(Json.parse("{\"a\":1}"), Json.parse("{\"b\":1}"))).isFalse();
        assertThat(Json.same(Json.parse("[1,2]"), Json.parse("[2,1]"))).isFalse();
        assertThat(Json.same(Json.parse("{}"), null)).isFalse();
        assertThat(Json.same(null, null)).isTrue();
    }
}
