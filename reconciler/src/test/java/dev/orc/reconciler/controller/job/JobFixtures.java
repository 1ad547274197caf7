package dev.orc.reconciler.controller.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import dev.orc.api.model.Pod;
import dev.orc.api.model.Timestamps;
import dev.orc.reconciler.controller.PodFixture;

import java.time.Instant;

/** Jobs and their pods for the Job controller tests. */
final class JobFixtures {
    private JobFixtures() {
    }

    static ObjectNode job(int completions, int parallelism, int backoffLimit) {
        return (ObjectNode) Json.parse("""
                {"apiVersion":"batch/v1","kind":"Job",
                 "metadata":{"namespace":"default","name":"pi","uid":"uid-pi","generation":1},
                 "spec":{"completions":%d,"parallelism":%d,"backoffLimit":%d,
                         "template":{"metadata":{"labels":{"app":"pi"}},
                                     "spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"pi:1"}]}}}}
                """.formatted(completions, parallelism, backoffLimit));
    }

    static ObjectNode spec(ObjectNode job) {
        return job.withObjectProperty("spec");
    }

    static ObjectNode running(ObjectNode job, String name) {
        return PodFixture.pod(name).ownedBy(job).ready(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    /** A pod that finished with {@code phase} at {@code at}. */
    static ObjectNode finished(ObjectNode job, String name, String phase, Instant at) {
        ObjectNode pod = PodFixture.pod(name).ownedBy(job).node("n1").phase(phase).build();
        pod.withObjectProperty("status").putArray("containerStatuses").addObject().put("name", "pi")
                .putObject("state").putObject("terminated").put("exitCode", phase.equals("Failed") ? 1 : 0)
                .put("finishedAt", Timestamps.format(at));
        return pod;
    }

    static Pod typed(ObjectNode pod) {
        return Json.convert(pod, Pod.class);
    }
}
