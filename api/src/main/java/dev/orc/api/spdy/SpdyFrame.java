package dev.orc.api.spdy;

import java.util.Arrays;
import java.util.List;

/**
 * One SPDY/3 frame. Stream ids and the ids in PING, GOAWAY and WINDOW_UPDATE are 31-bit (PING's 32-bit, kept as the
 * int of the same bits); a frame's flags are its record components.
 */
public sealed interface SpdyFrame {
    int VERSION = 3;
    /** RST_STREAM and GOAWAY status codes used here. */
    int PROTOCOL_ERROR = 1;
    int INVALID_STREAM = 2;
    int REFUSED_STREAM = 3;
    int CANCEL = 5;
    int INTERNAL_ERROR = 6;

    /** Data on a stream; {@code fin} ends the sender's half of it. */
    record Data(int streamId, boolean fin, byte[] payload) implements SpdyFrame {
        public Data {
            checkStreamId(streamId);
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data data && data.streamId == streamId && data.fin == fin
                    && Arrays.equals(data.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * streamId + Boolean.hashCode(fin)) + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Data[streamId=" + streamId + ", fin=" + fin + ", " + payload.length + " bytes]";
        }
    }

    record SynStream(int streamId, int associatedStreamId, int priority, boolean fin, boolean unidirectional,
                     SpdyHeaders headers) implements SpdyFrame {
        public SynStream {
            checkStreamId(streamId);
            if (priority < 0 || priority > 7) {
                throw new IllegalArgumentException("a SYN_STREAM priority is 0 to 7, not " + priority);
            }
        }
    }

    record SynReply(int streamId, boolean fin, SpdyHeaders headers) implements SpdyFrame {
        public SynReply {
            checkStreamId(streamId);
        }
    }

    record RstStream(int streamId, int status) implements SpdyFrame {
        public RstStream {
            checkStreamId(streamId);
        }
    }

    record Setting(int flags, int id, int value) {
    }

    record Settings(boolean clearPersisted, List<Setting> entries) implements SpdyFrame {
        public Settings {
            entries = List.copyOf(entries);
        }
    }

    record Ping(int id) implements SpdyFrame {
    }

    record GoAway(int lastGoodStreamId, int status) implements SpdyFrame {
    }

    record Headers(int streamId, boolean fin, SpdyHeaders headers) implements SpdyFrame {
        public Headers {
            checkStreamId(streamId);
        }
    }

    record WindowUpdate(int streamId, int deltaWindowSize) implements SpdyFrame {
    }

    private static void checkStreamId(int streamId) {
        if (streamId <= 0) {
            throw new IllegalArgumentException("a stream id is 1 to 2^31-1, not " + Integer.toUnsignedString(streamId));
        }
    }
}
