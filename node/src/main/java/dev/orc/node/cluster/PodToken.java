package dev.orc.node.cluster;

import java.time.Instant;

/** A service-account token bound to a pod, as a TokenRequest answers it: the token and when it stops working. */
public record PodToken(String token, Instant expires) {
}
