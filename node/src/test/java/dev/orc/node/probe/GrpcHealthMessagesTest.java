package dev.orc.node.probe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrpcHealthMessagesTest {

    @Test
    void aRequestForTheWholeServerIsAnEmptyFramedMessage() {
        assertThat(GrpcHealthMessages.request("")).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void aRequestForAServiceCarriesItsNameAsField1() {
        assertThat(GrpcHealthMessages.request("db")).containsExactly(0, 0, 0, 0, 4, 0x0a, 2, 'd', 'b');
    }

    @Test
    void aLongServiceNameGetsAMultiByteLength() {
        byte[] request = GrpcHealthMessages.request("s".repeat(200));
        assertThat(request).startsWith(0, 0, 0, 0, (byte) 203, 0x0a, (byte) 0xc8, 0x01);
        assertThat(request).hasSize(5 + 3 + 200);
    }

    @Test
    void readsTheStatusSkippingUnknownFields() {
        byte[] reply = {0, 0, 0, 0, 9, 0x12, 3, 'x', 'y', 'z', 0x08, 2, 0x18, 7};
        assertThat(GrpcHealthMessages.status(reply)).isEqualTo(2);
        assertThat(GrpcHealthMessages.statusName(2)).isEqualTo("NOT_SERVING");
    }

    @Test
    void anEmptyReplyIsUnknownAsInProto3() {
        assertThat(GrpcHealthMessages.status(new byte[]{0, 0, 0, 0, 0})).isZero();
        assertThat(GrpcHealthMessages.statusName(0)).isEqualTo("UNKNOWN");
        assertThat(GrpcHealthMessages.statusName(9)).isEqualTo("9");
    }

    @Test
    void malformedRepliesAreRefusedSayingWhy() {
        assertThatThrownBy(() -> GrpcHealthMessages.status(new byte[]{0, 0, 0}))
                .hasMessageContaining("no complete gRPC message");
        assertThatThrownBy(() -> GrpcHealthMessages.status(new byte[]{1, 0, 0, 0, 0})).hasMessageContaining("compressed");
        assertThatThrownBy(() -> GrpcHealthMessages.status(new byte[]{0, 0, 0, 0, 5, 0x08}))
                .hasMessageContaining("says 5 bytes but has 1");
        assertThatThrownBy(() -> GrpcHealthMessages.status(new byte[]{0, 0, 0, 0, 2, 0x12, 9}))
                .hasMessageContaining("runs past the message");
        assertThatThrownBy(() -> GrpcHealthMessages.status(new byte[]{0, 0, 0, 0, 1, 0x08}))
                .hasMessageContaining("ends inside a field");
    }

    @Test
    void grpcMessagesArePercentDecoded() {
        assertThat(GrpcReply.percentDecoded("unknown%20service%20%C3%A9%2")).isEqualTo("unknown service é%2");
    }
}
