package dev.orc.reconciler.controller.cronjob;

import dev.orc.api.batch.CronSchedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which scheduled time a CronJob is due to start, and when to look again, computed as Kubernetes' CronJob controller
 * does. Times are counted from the last schedule time (else the CronJob's creation), or from
 * {@code startingDeadlineSeconds} ago when that is later. Only the most recent missed time is ever started; the number
 * of missed times is Kubernetes' estimate (elapsed time over the interval between the next two times), and more than
 * {@value #MANY} of them is worth a warning.
 */
final class ScheduleTimes {
    static final int MANY = 100;
    /** Kubernetes looks again this long after a scheduled time, for clock skew between machines. */
    static final Duration PADDING = Duration.ofMillis(100);

    private ScheduleTimes() {
    }

    /** How many times were missed: none, a few, or more than {@value #MANY}. */
    enum Missed { NONE, FEW, MANY }

    /** Where counting started, the most recent time due (empty when none is), and how many were missed. */
    record MostRecent(Instant earliest, Optional<Instant> time, Missed missed) {
    }

    /** A schedule whose next two times are less than a second apart, or which has no next time at all. */
    static final class InvalidSchedule extends Exception {
        InvalidSchedule() {
            super("time difference between two schedules is less than 1 second");
        }
    }

    /**
     * The most recent scheduled time at or before {@code now} since {@code lastSchedule} (else {@code created}), or
     * since {@code now - deadline} when that is later.
     */
    static MostRecent mostRecent(CronSchedule schedule, Instant created, Instant lastSchedule, Long deadlineSeconds,
                                 Instant now) throws InvalidSchedule {
        Instant earliest = lastSchedule != null ? lastSchedule : created;
        if (deadlineSeconds != null) {
            Instant deadline = now.minusSeconds(deadlineSeconds);
            if (deadline.isAfter(earliest)) {
                earliest = deadline;
            }
        }
        Optional<Instant> t1 = schedule.next(earliest);
        if (t1.isEmpty()) {
            throw new InvalidSchedule();
        }
        if (now.isBefore(t1.get())) {
            return new MostRecent(earliest, Optional.empty(), Missed.NONE);
        }
        Optional<Instant> t2 = schedule.next(t1.get());
        if (t2.isPresent() && now.isBefore(t2.get())) {
            return new MostRecent(earliest, t1, Missed.NONE);
        }
        long interval = t2.map(t -> roundedSeconds(Duration.between(t1.get(), t))).orElse(0L);
        if (interval < 1) {
            throw new InvalidSchedule();
        }
        long missed = Duration.between(t1.get(), now).toSeconds() / interval + 1;
        Instant from = t1.get().plusSeconds((missed - 2) * interval);
        Instant latest = null;
        Optional<Instant> t = schedule.next(from);
        while (t.isPresent() && !t.get().isAfter(now)) {
            latest = t.get();
            t = schedule.next(t.get());
        }
        return new MostRecent(earliest, Optional.ofNullable(latest), missed > MANY ? Missed.MANY : Missed.FEW);
    }

    /**
     * How long until the next scheduled time after the most recent one (counted without the deadline), padded; empty
     * for a schedule that has no next time.
     */
    static Optional<Duration> untilNext(CronSchedule schedule, Instant created, Instant lastSchedule, Instant now) {
        Instant base;
        try {
            MostRecent recent = mostRecent(schedule, created, lastSchedule, null, now);
            base = recent.time().orElse(recent.missed() == Missed.NONE ? recent.earliest() : now);
        } catch (InvalidSchedule e) {
            base = now;
        }
        return schedule.next(base).map(next -> Duration.between(now, next.plus(PADDING)));
    }

    private static long roundedSeconds(Duration duration) {
        return duration.plusMillis(500).toSeconds();
    }
}
