package dev.orc.api.stream;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePartsTest {
    @Test
    void partsMakeOneMessageAtTheLastAndTheNextMessageStartsEmpty() {
        MessageParts parts = new MessageParts();

        assertThat(parts.add(bytes("he"), false)).isEmpty();
        assertThat(parts.add(bytes("llo"), true)).hasValueSatisfying(m -> assertThat(text(m)).isEqualTo("hello"));
        assertThat(parts.add(bytes("next"), true)).hasValueSatisfying(m -> assertThat(text(m)).isEqualTo("next"));
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer message) {
        return StandardCharsets.UTF_8.decode(message).toString();
    }
}
