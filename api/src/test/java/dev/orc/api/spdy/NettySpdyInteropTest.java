package dev.orc.api.spdy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySettingsFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdyWindowUpdateFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** netty's SPDY/3.1 codec, an implementation written apart from orc's, reads what orc writes and the reverse. */
class NettySpdyInteropTest {
    private final EmbeddedChannel netty = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final SpdyEncoder encoder = new SpdyEncoder();
    private final SpdyDecoder decoder = new SpdyDecoder(SpdyEncoder.MAX_LENGTH);

    @AfterEach
    void close() {
        netty.finishAndReleaseAll();
        encoder.close();
        decoder.close();
    }

    @Test
    void orcReadsNettysFramesWithCompressedHeadersAcrossFrames() {
        SpdySynStreamFrame error = new DefaultSpdySynStreamFrame(1, 0, (byte) 0);
        error.headers().add("streamtype", "error").add("port", "8080").add("requestid", "0");
        SpdySynStreamFrame data = new DefaultSpdySynStreamFrame(3, 0, (byte) 0);
        data.headers().add("streamtype", "data").add("port", "8080").add("requestid", "0");
        DefaultSpdySettingsFrame settings = new DefaultSpdySettingsFrame();
        settings.setValue(7, 65536);

        List<SpdyFrame> read = readFromNetty(error, data, settings,
                new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("GET / HTTP/1.0\r\n\r\n", StandardCharsets.UTF_8)),
                new DefaultSpdyDataFrame(1).setLast(true), new DefaultSpdyPingFrame(1),
                new DefaultSpdyWindowUpdateFrame(3, 4096), new DefaultSpdyRstStreamFrame(3, SpdyFrame.CANCEL),
                new DefaultSpdyGoAwayFrame(0, 0));

        assertThat(read).containsExactly(
                new SpdyFrame.SynStream(1, 0, 0, false, false,
                        SpdyHeaders.of("streamtype", "error", "port", "8080", "requestid", "0")),
                new SpdyFrame.SynStream(3, 0, 0, false, false,
                        SpdyHeaders.of("streamtype", "data", "port", "8080", "requestid", "0")),
                new SpdyFrame.Settings(false, List.of(new SpdyFrame.Setting(0, 7, 65536))),
                new SpdyFrame.Data(3, false, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8)),
                new SpdyFrame.Data(1, true, new byte[0]),
                new SpdyFrame.Ping(1),
                new SpdyFrame.WindowUpdate(3, 4096),
                new SpdyFrame.RstStream(3, SpdyFrame.CANCEL),
                new SpdyFrame.GoAway(0, 0));
    }

    @Test
    void nettyReadsOrcsFramesWithCompressedHeadersAcrossFrames() {
        List<Object> read = readByNetty(
                new SpdyFrame.SynReply(1, false, SpdyHeaders.EMPTY),
                new SpdyFrame.SynReply(3, true, SpdyHeaders.of("port", "8080")),
                new SpdyFrame.SynStream(2, 0, 0, false, false, SpdyHeaders.of("streamtype", "data")),
                new SpdyFrame.Data(3, false, "hello-from-pod\n".getBytes(StandardCharsets.UTF_8)),
                new SpdyFrame.Data(3, true, new byte[0]),
                new SpdyFrame.Ping(1),
                new SpdyFrame.RstStream(5, SpdyFrame.REFUSED_STREAM),
                new SpdyFrame.GoAway(3, SpdyFrame.PROTOCOL_ERROR));

        assertThat(read).hasSize(8);
        assertThat(read.get(0)).isInstanceOfSatisfying(SpdySynReplyFrame.class, reply -> {
            assertThat(reply.streamId()).isEqualTo(1);
            assertThat(reply.headers().isEmpty()).isTrue();
        });
        assertThat(read.get(1)).isInstanceOfSatisfying(SpdySynReplyFrame.class, reply -> {
            assertThat(reply.isLast()).isTrue();
            assertThat(reply.headers().getAsString("port")).isEqualTo("8080");
        });
        assertThat(read.get(2)).isInstanceOfSatisfying(SpdySynStreamFrame.class, syn ->
                assertThat(syn.headers().getAsString("streamtype")).isEqualTo("data"));
        assertThat(read.get(3)).isInstanceOfSatisfying(SpdyDataFrame.class, data ->
                assertThat(data.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello-from-pod\n"));
        assertThat(read.get(4)).isInstanceOfSatisfying(SpdyDataFrame.class, data -> assertThat(data.isLast()).isTrue());
        assertThat(read.get(5)).isInstanceOfSatisfying(SpdyPingFrame.class, ping -> assertThat(ping.id()).isEqualTo(1));
        assertThat(read.get(6)).isInstanceOfSatisfying(SpdyRstStreamFrame.class, rst ->
                assertThat(rst.status().code()).isEqualTo(SpdyFrame.REFUSED_STREAM));
        assertThat(read.get(7)).isInstanceOfSatisfying(SpdyGoAwayFrame.class, away -> {
            assertThat(away.lastGoodStreamId()).isEqualTo(3);
            assertThat(away.status().code()).isEqualTo(SpdyFrame.PROTOCOL_ERROR);
        });
        read.forEach(io.netty.util.ReferenceCountUtil::release);
    }

    private List<SpdyFrame> readFromNetty(Object... frames) {
        List<SpdyFrame> read = new ArrayList<>();
        for (Object frame : frames) {
            assertThat(netty.writeOutbound(frame)).isTrue();
            for (ByteBuf bytes = netty.readOutbound(); bytes != null; bytes = netty.readOutbound()) {
                read.addAll(decoder.decode(bytes.nioBuffer()));
                bytes.release();
            }
        }
        return read;
    }

    private List<Object> readByNetty(SpdyFrame... frames) {
        for (SpdyFrame frame : frames) {
            ByteBuffer bytes = encoder.encode(frame);
            netty.writeInbound(Unpooled.wrappedBuffer(bytes));
        }
        List<Object> read = new ArrayList<>();
        for (Object frame = netty.readInbound(); frame != null; frame = netty.readInbound()) {
            read.add(frame);
        }
        return read;
    }
}
