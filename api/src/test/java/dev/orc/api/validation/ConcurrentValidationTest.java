package dev.orc.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentValidationTest {
    @Test
    void oneValidatorSharedByManyThreadsGivesEveryThreadTheSameAnswer() throws Exception {
        ManifestValidator validator = ManifestValidator.standard();
        List<JsonNode> documents = Manifests.files("/manifests/valid").stream()
                .flatMap(file -> Manifests.read(file).stream()).toList();
        JsonNode broken = Manifests.one("""
                apiVersion: v1
                kind: Pod
                metadata: {name: Broken}
                spec:
                  containers: [{name: main, image: busybox, ports: [{containerPort: 0}]}]
                """).node();
        List<Problem> expectedForBroken = validator.validate(broken);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 8).mapToObj(worker -> pool.submit(() -> {
                for (int round = 0; round < 20; round++) {
                    for (JsonNode document : documents) {
                        if (ManifestValidator.hasErrors(validator.validate(document))) {
                            return false;
                        }
                    }
                    if (!validator.validate(broken).equals(expectedForBroken)) {
                        return false;
                    }
                }
                return true;
            })).toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expectedForBroken).hasSize(2);
    }
}
