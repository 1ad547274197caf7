package dev.orc.api.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** One binary WebSocket message of a channel protocol: the channel byte, then the payload. */
public record ChannelFrame(int channel, byte[] payload) {
    public ChannelFrame {
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("a channel is one byte, not " + channel);
        }
        payload = payload.clone();
    }

    public static ChannelFrame of(int channel, byte[] data, int offset, int length) {
        return new ChannelFrame(channel, Arrays.copyOfRange(data, offset, offset + length));
    }

    /** The message read from the wire; an empty message has no channel and is refused. */
    public static ChannelFrame decode(ByteBuffer message) {
        ByteBuffer copy = message.duplicate();
        if (!copy.hasRemaining()) {
            throw new IllegalArgumentException("an empty message carries no channel");
        }
        int channel = copy.get() & 0xff;
        byte[] payload = new byte[copy.remaining()];
        copy.get(payload);
        return new ChannelFrame(channel, payload);
    }

    /** The message to send: the channel byte followed by the payload. */
    public ByteBuffer encode() {
        ByteBuffer buffer = ByteBuffer.allocate(1 + payload.length);
        buffer.put((byte) channel).put(payload).flip();
        return buffer;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChannelFrame frame && frame.channel == channel && Arrays.equals(frame.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * channel + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "ChannelFrame[channel=" + channel + ", " + payload.length + " bytes]";
    }
}
