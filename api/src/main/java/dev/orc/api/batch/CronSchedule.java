package dev.orc.api.batch;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CronJob's schedule, as Kubernetes reads it: the five Unix cron fields (minute, hour, day of month, month, day of
 * week, with names like {@code JAN} and {@code MON}; a day matches when either day field does) or one of the macros
 * {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight},
 * {@code @hourly}; evaluated in a time zone. Parsing and the arithmetic of times are cron-utils'.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(definition());
    private static final Pattern TIME_ZONE_PREFIX = Pattern.compile("^\\s*(CRON_)?TZ=");

    private final String text;
    private final ExecutionTime times;
    private final ZoneId zone;

    private CronSchedule(String text, ExecutionTime times, ZoneId zone) {
        this.text = text;
        this.times = times;
        this.zone = zone;
    }

    /**
     * Reads {@code schedule}, to be evaluated in {@code zone}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static CronSchedule parse(String schedule, ZoneId zone) {
        if (schedule == null || schedule.isBlank()) {
            throw new IllegalArgumentException("empty schedule");
        }
        if (TIME_ZONE_PREFIX.matcher(schedule).find()) {
            throw new IllegalArgumentException("TZ and CRON_TZ are not supported in the schedule: set spec.timeZone");
        }
        Cron cron;
        try {
            cron = PARSER.parse(schedule.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(reason(e));
        }
        return new CronSchedule(schedule, ExecutionTime.forCron(cron), zone);
    }

    /**
     * The zone of a CronJob's {@code spec.timeZone}: an IANA time zone name such as {@code Europe/Berlin}.
     *
     * @throws IllegalArgumentException for anything else, offsets and {@code Local} included
     */
    public static ZoneId zone(String timeZone) {
        if (timeZone == null || !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new IllegalArgumentException("unknown time zone: must be an IANA time zone name such as "
                    + "Europe/Berlin or America/New_York");
        }
        return ZoneId.of(timeZone);
    }

    /** The first time of the schedule strictly after {@code after}; empty when it never comes (February 31st). */
    public Optional<Instant> next(Instant after) {
        return times.nextExecution(after.truncatedTo(ChronoUnit.SECONDS).atZone(zone)).map(ZonedDateTime::toInstant);
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Unix crontab's fields and ranges (Sunday is 0 or 7), and the macros Kubernetes' parser knows, but @reboot. */
    private static CronDefinition definition() {
        return CronDefinitionBuilder.defineCron()
                .withMinutes().withValidRange(0, 59).withStrictRange().and()
                .withHours().withValidRange(0, 23).withStrictRange().and()
                .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
                .withMonth().withValidRange(1, 12).withStrictRange().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
                .withSupportedNicknameYearly().withSupportedNicknameAnnually().withSupportedNicknameMonthly()
                .withSupportedNicknameWeekly().withSupportedNicknameDaily().withSupportedNicknameMidnight()
                .withSupportedNicknameHourly()
                .instance();
    }

    /** cron-utils' message without its generic prefix. */
    private static String reason(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        return message.replaceFirst("^Failed to parse cron expression\\. ", "");
    }
}
