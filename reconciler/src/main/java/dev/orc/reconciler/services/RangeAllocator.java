package dev.orc.reconciler.services;

import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

/**
 * Picks a free value of a range for an owner: starts at a random offset and claims the first value no one
 * holds. Values claimed by another server meanwhile are skipped, so the scan is bounded by the range size.
 */
final class RangeAllocator {
    private final StoreClaims claims;
    private final long size;
    private final LongFunction<String> valueAt;
    private final RandomGenerator random;

    RangeAllocator(StoreClaims claims, long size, LongFunction<String> valueAt, RandomGenerator random) {
        this.claims = claims;
        this.size = size;
        this.valueAt = valueAt;
        this.random = random;
    }

    /** A value now held by {@code owner}; empty when the range is full. */
    Optional<String> allocate(String owner) {
        Set<String> taken = claims.claimed();
        long start = random.nextLong(size);
        for (long i = 0; i < size; i++) {
            String value = valueAt.apply((start + i) % size);
            if (!taken.contains(value) && claims.claim(value, owner) == StoreClaims.Claim.CLAIMED) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
