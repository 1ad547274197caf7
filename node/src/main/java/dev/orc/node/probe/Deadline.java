package dev.orc.node.probe;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** The moment one probe run must be over by, on the monotonic clock; every step of the run waits only until then. */
record Deadline(long nanos) {

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** The milliseconds left, at least 1 (0 would mean "no timeout" to sockets); throws once none are left. */
    int remainingMillis() throws SocketTimeoutException {
        long left = nanos - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis()));
    }

    /** "1s", or "250ms" for a timeout that is not whole seconds. */
    static String describe(Duration timeout) {
        return timeout.toMillisPart() == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }
}
