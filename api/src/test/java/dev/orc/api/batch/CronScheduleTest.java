package dev.orc.api.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant next(String schedule, ZoneId zone, String after) {
        return CronSchedule.parse(schedule, zone).next(Instant.parse(after)).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
            "@hourly,   2026-01-01T10:00:00Z, 2026-01-01T11:00:00Z",
            "@daily,    2026-01-01T10:00:00Z, 2026-01-02T00:00:00Z",
            "@midnight, 2026-01-01T10:00:00Z, 2026-01-02T00:00:00Z",
            "@weekly,   2026-01-01T10:00:00Z, 2026-01-04T00:00:00Z",
            "@monthly,  2026-01-01T10:00:00Z, 2026-02-01T00:00:00Z",
            "@yearly,   2026-01-01T10:00:00Z, 2027-01-01T00:00:00Z",
            "@annually, 2026-01-01T10:00:00Z, 2027-01-01T00:00:00Z",
            "*/5 * * * *, 2026-01-01T10:00:00Z, 2026-01-01T10:05:00Z",
            "*/5 * * * *, 2026-01-01T10:02:30Z, 2026-01-01T10:05:00Z",
            "0 9 * * MON-FRI, 2026-01-02T10:00:00Z, 2026-01-05T09:00:00Z",
            "0 9 * * 7, 2026-01-01T10:00:00Z, 2026-01-04T09:00:00Z",
    })
    void nextIsStrictlyAfter(String schedule, String after, String expected) {
        assertThat(next(schedule, ZoneOffset.UTC, after)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void aDayMatchesWhenEitherDayFieldDoesAsInUnixCron() {
        // the 13th, or any Friday: 2026-01-02 is a Friday
        assertThat(next("0 0 13 * 5", ZoneOffset.UTC, "2026-01-01T10:00:00Z")).isEqualTo("2026-01-02T00:00:00Z");
    }

    @Test
    void followsTheZonesClockAcrossDaylightSavingTime() {
        // New York moves from UTC-5 to UTC-4 on 2026-03-08: 9:00 local is 14:00Z before and 13:00Z after
        assertThat(next("0 9 * * *", NEW_YORK, "2026-03-07T12:00:00Z")).isEqualTo("2026-03-07T14:00:00Z");
        assertThat(next("0 9 * * *", NEW_YORK, "2026-03-07T15:00:00Z")).isEqualTo("2026-03-08T13:00:00Z");
    }

    @Test
    void aTimeThatDoesNotExistThatDayIsSkipped() {
        // 2:30 does not happen in New York on 2026-03-08 (2:00 becomes 3:00)
        assertThat(next("30 2 * * *", NEW_YORK, "2026-03-08T05:00:00Z")).isEqualTo("2026-03-09T06:30:00Z");
    }

    @Test
    void aScheduleThatNeverComesHasNoNextTime() {
        assertThat(CronSchedule.parse("59 23 31 2 *", ZoneOffset.UTC).next(Instant.parse("2026-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * *", ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 parts");
        assertThatThrownBy(() -> CronSchedule.parse("", ZoneOffset.UTC)).hasMessage("empty schedule");
    }

    @Test
    void zonesAreIanaNames() {
        assertThat(CronSchedule.zone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(CronSchedule.zone("UTC")).isEqualTo(ZoneId.of("UTC"));
        assertThatThrownBy(() -> CronSchedule.zone("GMT+2")).hasMessageStartingWith("unknown time zone");
    }
}
