package dev.orc.api.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A CronJob whose schedule or time zone cannot be read is refused, naming the field and quoting the value. */
class CronJobValidationTest {
    private static final String CRON_JOB = """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: hello
            spec:
              schedule: "*/5 * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                        - name: hello
                          image: busybox
            """;

    private final ManifestValidator validator = ManifestValidator.standard();

    private List<Problem> validate(Manifests.Editable document) {
        return validator.validate(document.node());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/5 * * * *", "@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually",
            "@midnight", "0 9 * * MON-FRI", "30 6 1 JAN *", "0 0 * * 7"})
    void acceptsCronFieldsAndMacros(String schedule) {
        assertThat(validate(Manifests.one(CRON_JOB).set("/spec/schedule", schedule))).isEmpty();
    }

    @Test
    void refusesAScheduleWithTheWrongNumberOfFields() {
        assertThat(validate(Manifests.one(CRON_JOB).set("/spec/schedule", "* * * *")))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.isError()).isTrue();
                    assertThat(problem.path()).isEqualTo("spec.schedule");
                    assertThat(problem.message()).startsWith("invalid value \"* * * *\": ").contains("5");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"61 * * * *", "* 24 * * *", "@reboot", "@every 1h", "every minute", "TZ=UTC 0 9 * * *"})
    void refusesSchedulesKubernetesRefuses(String schedule) {
        assertThat(validate(Manifests.one(CRON_JOB).set("/spec/schedule", schedule)))
                .extracting(Problem::path).containsExactly("spec.schedule");
    }

    @Test
    void aTimeZonePrefixPointsAtTheTimeZoneField() {
        assertThat(validate(Manifests.one(CRON_JOB).set("/spec/schedule", "CRON_TZ=Europe/Berlin 0 9 * * *")))
                .singleElement().extracting(Problem::message).asString().contains("spec.timeZone");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "Local", "+02:00", "europe/berlin"})
    void refusesTimeZonesThatAreNotIana(String zone) {
        assertThat(validate(Manifests.one(CRON_JOB).set("/spec/timeZone", zone)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("spec.timeZone");
                    assertThat(problem.message()).startsWith("invalid value \"" + zone + "\": unknown time zone");
                });
    }

    @Test
    void refusesAnUnknownConcurrencyPolicyAndAJobTemplateThatRestartsAlways() {
        assertThat(validate(Manifests.one(CRON_JOB).set("/spec/concurrencyPolicy", "Sometimes")
                .set("/spec/jobTemplate/spec/template/spec/restartPolicy", "Always")))
                .extracting(Problem::path)
                .containsExactlyInAnyOrder("spec.concurrencyPolicy", "spec.jobTemplate.spec.template.spec.restartPolicy");
    }
}
