package dev.orc.reconciler.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysTest {
    @Test
    void prefixEndIsTheFirstStringPastEveryKeyUnderThePrefix() {
        assertThat(Keys.prefixEnd("/registry/pods/")).isEqualTo("/registry/pods0");
        assertThat(Keys.prefixEnd("a" + Character.MAX_VALUE)).isEqualTo("b");
        assertThat(Keys.prefixEnd("")).isNull();
        assertThat(Keys.prefixEnd(String.valueOf(Character.MAX_VALUE))).isNull();
    }

    @Test
    void writesOfEmptyKeysOrNullValuesAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> Keys.checkWrite("", new byte[0])).hasMessageContaining("key must not be empty");
        assertThatThrownBy(() -> Keys.checkWrite("/a", null)).hasMessageContaining("value for /a");
        assertThatThrownBy(() -> Keys.checkWrite("/a", new byte[Store.MAX_VALUE_BYTES + 1]))
                .isInstanceOf(ValueTooLargeException.class);
    }
}
