package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.batch.CronSchedule;

import java.time.ZoneOffset;
import java.util.List;

/** A CronJob's schedule must parse, and its time zone must be an IANA one, as Kubernetes' validation demands. */
final class CronJobRules {
    private CronJobRules() {
    }

    static void check(JsonNode spec, List<Problem> problems) {
        JsonNode schedule = spec.path("schedule");
        if (schedule.isTextual() && !schedule.asText().isEmpty()) {
            try {
                CronSchedule.parse(schedule.asText(), ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error("spec.schedule", invalid(schedule.asText(), e)));
            }
        }
        JsonNode timeZone = spec.path("timeZone");
        if (timeZone.isTextual() && !timeZone.asText().isEmpty()) {
            try {
                CronSchedule.zone(timeZone.asText());
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error("spec.timeZone", invalid(timeZone.asText(), e)));
            }
        }
    }

    private static String invalid(String value, IllegalArgumentException e) {
        return "invalid value \"" + value + "\": " + e.getMessage();
    }
}
