package dev.orc.api.model;

import java.util.List;
import java.util.Optional;

/** What the job controller observed. */
public record JobStatus(@OmitEmpty List<Condition> conditions, String startTime, String completionTime,
                        Integer active, Integer succeeded, Integer failed, Integer ready) {
    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    public static final String SUSPENDED = "Suspended";

    public JobStatus {
        conditions = Immutable.list(conditions);
    }

    public Optional<Condition> condition(String type) {
        return Conditions.find(conditions, type);
    }

    /** Complete or Failed: no more pods will be started. */
    public boolean finished() {
        return condition(COMPLETE).map(Condition::statusTrue).orElse(false)
                || condition(FAILED).map(Condition::statusTrue).orElse(false);
    }

    public JobStatus withCondition(Condition condition) {
        return new JobStatus(Conditions.put(conditions, condition), startTime, completionTime, active, succeeded,
                failed, ready);
    }
}
