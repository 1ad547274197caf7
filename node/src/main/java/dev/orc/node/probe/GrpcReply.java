package dev.orc.node.probe;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a server answered to Health/Check: the HTTP {@code :status}, the {@code grpc-status} and {@code grpc-message}
 * (from the trailers, or from the headers of a trailers-only reply) and the framed reply message; {@link #outcome}
 * judges it as the kubelet does, in words close to its own.
 */
record GrpcReply(String httpStatus, String grpcStatus, String grpcMessage, byte[] message) {

    private static final String[] CODES = {"OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded",
            "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted",
            "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated"};
    private static final int DEADLINE_EXCEEDED = 4;
    private static final int UNIMPLEMENTED = 12;

    /** A success only for grpc-status 0 with a SERVING status. */
    ProbeOutcome outcome(Duration timeout) {
        if (!"200".equals(httpStatus)) {
            return ProbeOutcome.failed("error: health rpc probe failed: the server answered HTTP status " + httpStatus);
        }
        if (grpcStatus == null) {
            return ProbeOutcome.failed("error: health rpc probe failed: the reply has no grpc-status");
        }
        int code;
        try {
            code = Integer.parseInt(grpcStatus);
        } catch (NumberFormatException e) {
            return ProbeOutcome.failed("error: health rpc probe failed: malformed grpc-status \"" + grpcStatus + "\"");
        }
        if (code == UNIMPLEMENTED) {
            return ProbeOutcome.failed("error: this server does not implement the grpc health protocol "
                    + "(grpc.health.v1.Health): " + rpcError(code));
        }
        if (code == DEADLINE_EXCEEDED) {
            return ProbeOutcome.failed("timeout: health rpc did not complete within " + Deadline.describe(timeout));
        }
        if (code != 0) {
            return ProbeOutcome.failed("error: health rpc probe failed: " + rpcError(code));
        }
        int status;
        try {
            status = GrpcHealthMessages.status(message);
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.failed("error: health rpc probe failed: " + e.getMessage());
        }
        return status == GrpcHealthMessages.SERVING ? ProbeOutcome.ok()
                : ProbeOutcome.failed("service unhealthy (responded with \"" + GrpcHealthMessages.statusName(status)
                + "\")");
    }

    private String rpcError(int code) {
        String name = code >= 0 && code < CODES.length ? CODES[code] : "Code(" + code + ")";
        return "rpc error: code = " + name + " desc = " + percentDecoded(grpcMessage == null ? "" : grpcMessage);
    }

    /** grpc-message is percent-encoded UTF-8; a malformed escape is kept as it came. */
    static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
