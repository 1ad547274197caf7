package dev.orc.node.dns;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsMessageTest {
    @Test
    void writtenMessagesReadBackEqual() throws Exception {
        DnsMessage query = DnsMessage.query(1, "web.shop.svc.cluster.local", DnsRecord.SRV);
        DnsMessage reply = DnsMessage.response(query, DnsMessage.NOERROR, true,
                List.of(DnsRecord.srv("web.shop.svc.cluster.local", 0, 100, 80, "web.shop.svc.cluster.local", 5),
                        DnsRecord.cname("a.b", "c.d", 30)),
                List.of(DnsRecord.a("web.shop.svc.cluster.local", "10.96.0.20", 5)));

        byte[] bytes = reply.encode();

        assertThat(DnsMessage.parse(bytes, bytes.length)).isEqualTo(reply);
    }

    @Test
    void compressedNamesAreExpandedOnRead() throws Exception {
        byte[] message = {
                0, 9, (byte) 0x81, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
                3, 'w', 'e', 'b', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 5, 0, 1,
                (byte) 0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6, 3, 'c', 'd', 'n', (byte) 0xC0, 16};

        DnsMessage parsed = DnsMessage.parse(message, message.length);

        assertThat(parsed.questions().get(0).name()).isEqualTo("web.example");
        assertThat(parsed.answers().get(0).name()).isEqualTo("web.example");
        assertThat(parsed.answers().get(0)).isEqualTo(DnsRecord.cname("web.example", "cdn.example", 60));
    }

    @Test
    void aPointerLoopIsAFormatErrorNotAHang() {
        byte[] message = {0, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xC0, 12, 0, 1, 0, 1};

        assertThatThrownBy(() -> DnsMessage.parse(message, message.length))
                .isInstanceOf(DnsFormatException.class).hasMessageContaining("pointer");
    }

    @Test
    void aTruncatedMessageIsAFormatError() {
        byte[] message = {0, 9, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'e'};

        assertThatThrownBy(() -> DnsMessage.parse(message, message.length)).isInstanceOf(DnsFormatException.class);
    }
}
