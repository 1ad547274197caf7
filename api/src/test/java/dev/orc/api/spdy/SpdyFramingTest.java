package dev.orc.api.spdy;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpdyFramingTest {
    private static final SpdyHeaders ERROR_STREAM = SpdyHeaders.of("streamType", "error", "port", "8080",
            "requestID", "0");

    private static final List<SpdyFrame> EVERY_KIND = List.of(
            new SpdyFrame.SynStream(1, 0, 3, false, false, ERROR_STREAM),
            new SpdyFrame.SynReply(1, true, SpdyHeaders.EMPTY),
            new SpdyFrame.Data(3, true, "hello".getBytes(StandardCharsets.UTF_8)),
            new SpdyFrame.Data(3, false, new byte[0]),
            new SpdyFrame.RstStream(5, SpdyFrame.CANCEL),
            new SpdyFrame.Settings(true, List.of(new SpdyFrame.Setting(1, 7, 65536), new SpdyFrame.Setting(0, 4, 100))),
            new SpdyFrame.Ping(0x80000001),
            new SpdyFrame.GoAway(7, SpdyFrame.PROTOCOL_ERROR),
            new SpdyFrame.Headers(9, false, SpdyHeaders.of("a", "1", "a", "2")),
            new SpdyFrame.WindowUpdate(11, 1 << 20));

    @Test
    void everyKindOfFrameRoundTrips() {
        try (SpdyEncoder encoder = new SpdyEncoder(); SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
            List<SpdyFrame> read = new ArrayList<>();
            for (SpdyFrame frame : EVERY_KIND) {
                read.addAll(decoder.decode(encoder.encode(frame)));
            }

            assertThat(read).isEqualTo(EVERY_KIND);
        }
    }

    @Test
    void framesArrivingAByteAtATimeAreReadWhole() {
        try (SpdyEncoder encoder = new SpdyEncoder(); SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
            List<SpdyFrame> read = new ArrayList<>();
            for (SpdyFrame frame : EVERY_KIND) {
                ByteBuffer bytes = encoder.encode(frame);
                while (bytes.hasRemaining()) {
                    read.addAll(decoder.decode(ByteBuffer.wrap(new byte[]{bytes.get()})));
                }
            }

            assertThat(read).isEqualTo(EVERY_KIND);
        }
    }

    @Test
    void severalFramesInOnePieceAreAllRead() {
        try (SpdyEncoder encoder = new SpdyEncoder(); SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
            ByteBuffer all = ByteBuffer.allocate(4096);
            EVERY_KIND.forEach(frame -> all.put(encoder.encode(frame)));

            assertThat(decoder.decode(all.flip())).isEqualTo(EVERY_KIND);
        }
    }

    @Test
    void headerBlocksShareOneCompressionContextPerDirection() {
        try (SpdyEncoder encoder = new SpdyEncoder()) {
            ByteBuffer first = encoder.encode(new SpdyFrame.SynStream(1, 0, 0, false, false, ERROR_STREAM));
            ByteBuffer second = encoder.encode(new SpdyFrame.SynStream(3, 0, 0, false, false, ERROR_STREAM));

            assertThat(second.remaining()).as("the same headers again cost a few bytes").isLessThan(first.remaining());
            try (SpdyDecoder fresh = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
                assertThatThrownBy(() -> fresh.decode(second)).as("the second block alone cannot be read")
                        .isInstanceOf(SpdyProtocolException.class);
            }
            try (SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
                decoder.decode(first);
                assertThat(decoder.decode(second)).containsExactly(
                        new SpdyFrame.SynStream(3, 0, 0, false, false, ERROR_STREAM));
            }
        }
    }

    @Test
    void headerNamesAreLowerCaseAndLookedUpInAnyCase() {
        assertThat(ERROR_STREAM.values()).containsOnlyKeys("streamtype", "port", "requestid");
        assertThat(ERROR_STREAM.first("requestID")).hasValue("0");
        assertThat(ERROR_STREAM.first("missing")).isEmpty();
    }

    @Test
    void controlFramesOfUnknownTypesAreSkipped() {
        try (SpdyEncoder encoder = new SpdyEncoder(); SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
            ByteBuffer bytes = ByteBuffer.allocate(64).putShort((short) 0x8003).putShort((short) 10).putInt(2)
                    .putShort((short) 0).put(encoder.encode(new SpdyFrame.Ping(1))).flip();

            assertThat(decoder.decode(bytes)).containsExactly(new SpdyFrame.Ping(1));
        }
    }

    @Test
    void anotherVersionIsRefused() {
        try (SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
            ByteBuffer ping = ByteBuffer.allocate(12).putShort((short) 0x8002).putShort((short) 6).putInt(4).putInt(1)
                    .flip();

            assertThatThrownBy(() -> decoder.decode(ping)).isInstanceOf(SpdyProtocolException.class)
                    .hasMessageContaining("SPDY version 2");
        }
    }

    @Test
    void aFrameLongerThanAcceptedIsRefusedBeforeItArrives() {
        try (SpdyDecoder decoder = new SpdyDecoder(1024)) {
            ByteBuffer header = ByteBuffer.allocate(8).putInt(1).putInt(2048).flip();

            assertThatThrownBy(() -> decoder.decode(header)).isInstanceOf(SpdyProtocolException.class)
                    .hasMessageContaining("2048 bytes");
        }
    }

    @Test
    void aHeaderBlockThatIsNotCompressedIsRefused() {
        try (SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH)) {
            byte[] plain = HeaderBlockCompressor.plain(ERROR_STREAM);
            ByteBuffer reply = ByteBuffer.allocate(12 + plain.length).putShort((short) 0x8003).putShort((short) 2)
                    .putInt(4 + plain.length).putInt(1).put(plain).flip();

            assertThatThrownBy(() -> decoder.decode(reply)).isInstanceOf(SpdyProtocolException.class)
                    .hasMessageContaining("zlib");
        }
    }

    @Test
    void aHeaderBlockClaimingMoreThanItHoldsIsRefused() {
        byte[] plain = ByteBuffer.allocate(12).putInt(1).putInt(100).putInt(0).array();

        assertThatThrownBy(() -> HeaderBlockDecompressor.parse(plain)).isInstanceOf(SpdyProtocolException.class)
                .hasMessageContaining("claims 100 bytes");
    }
}
