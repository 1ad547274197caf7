package dev.orc.reconciler.leader;

import java.time.Duration;

/**
 * The election's clock, as client-go's leader election has it: the store lease lives {@code leaseDuration}; the
 * leader renews it every {@code renewInterval} and gives up leading when no renewal succeeded for
 * {@code renewDeadline}, which is shorter than the lease, so it stops its loops before another server can win;
 * followers try to win every {@code retryPeriod}.
 */
public record ElectionTiming(Duration leaseDuration, Duration renewInterval, Duration renewDeadline,
                             Duration retryPeriod) {
    public ElectionTiming {
        if (leaseDuration.toSeconds() < 2) {
            throw new IllegalArgumentException("the leader lease must last at least 2s (etcd's shortest), got "
                    + leaseDuration);
        }
        if (renewInterval.isNegative() || renewInterval.isZero() || renewInterval.compareTo(renewDeadline) >= 0
                || renewDeadline.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("need 0 < renewInterval < renewDeadline < leaseDuration, got "
                    + renewInterval + ", " + renewDeadline + ", " + leaseDuration);
        }
        if (retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("retryPeriod must be positive, got " + retryPeriod);
        }
    }

    /** 4 s leases: a dead leader is replaced within about 5 s (Kubernetes' default of 15 s takes about 17). */
    public static ElectionTiming defaults() {
        return ofLease(Duration.ofSeconds(4));
    }

    /** Renewal every quarter of the lease, a deadline at three quarters, retries every eighth. */
    public static ElectionTiming ofLease(Duration lease) {
        return new ElectionTiming(lease, lease.dividedBy(4), lease.multipliedBy(3).dividedBy(4), lease.dividedBy(8));
    }
}
