package dev.orc.api.model;

import java.util.List;

/** What the CronJob controller observed: its running Jobs, when it last started one, when one last succeeded. */
public record CronJobStatus(@OmitEmpty List<ObjectReference> active, String lastScheduleTime,
                            String lastSuccessfulTime) {
    public static final CronJobStatus EMPTY = new CronJobStatus(List.of(), null, null);

    public CronJobStatus {
        active = Immutable.list(active);
    }

    public CronJobStatus withActive(List<ObjectReference> active) {
        return new CronJobStatus(active, lastScheduleTime, lastSuccessfulTime);
    }

    public CronJobStatus withLastScheduleTime(String lastScheduleTime) {
        return new CronJobStatus(active, lastScheduleTime, lastSuccessfulTime);
    }

    public CronJobStatus withLastSuccessfulTime(String lastSuccessfulTime) {
        return new CronJobStatus(active, lastScheduleTime, lastSuccessfulTime);
    }
}
