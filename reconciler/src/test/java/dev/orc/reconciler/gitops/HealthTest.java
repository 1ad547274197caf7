package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Deployment | {'metadata':{'generation':2},'spec':{'replicas':3},'status':{'observedGeneration':2,'replicas':3,'updatedReplicas':3,'availableReplicas':3}} | Healthy
            Deployment | {'metadata':{'generation':2},'spec':{'replicas':3},'status':{'observedGeneration':1,'replicas':3,'updatedReplicas':3,'availableReplicas':3}} | Progressing
            Deployment | {'metadata':{'generation':2},'spec':{'replicas':3},'status':{'observedGeneration':2,'replicas':4,'updatedReplicas':1,'availableReplicas':3}} | Progressing
            Deployment | {'spec':{'replicas':3},'status':{'conditions':[{'type':'Progressing','status':'False','reason':'ProgressDeadlineExceeded'}]}} | Degraded
            Job        | {'status':{'conditions':[{'type':'Complete','status':'True'}]}} | Healthy
            Job        | {'status':{'conditions':[{'type':'Failed','status':'True'}]}} | Degraded
            Job        | {'status':{'active':1}} | Progressing
            Pod        | {'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}]}} | Healthy
            Pod        | {'status':{'phase':'Running','conditions':[{'type':'Ready','status':'False'}]}} | Progressing
            Pod        | {'status':{'phase':'Failed'}} | Degraded
            DaemonSet  | {'status':{'desiredNumberScheduled':2,'updatedNumberScheduled':2,'numberAvailable':1}} | Progressing
            ConfigMap  | {'data':{}} | Healthy
            """)
    void readsHealthFromTheObjectsOwnStatus(String kind, String live, String expected) {
        ManagedRef ref = new ManagedRef("v1", kind, "default", "x");
        assertThat(Health.of(ref, Optional.of(json(live))).status()).isEqualTo(expected);
    }

    @Test
    void anAbsentObjectIsMissingAndTheWorstHealthWins() {
        ManagedRef ref = new ManagedRef("v1", "ConfigMap", "default", "gone");
        Health missing = Health.of(ref, Optional.empty());
        assertThat(missing.message()).isEqualTo("ConfigMap default/gone does not exist");
        Health degraded = new Health("Degraded", "bad");
        assertThat(Health.worst(List.of(Health.HEALTHY, missing, degraded))).isEqualTo(degraded);
        assertThat(Health.worst(List.of(Health.HEALTHY, missing))).isEqualTo(missing);
        assertThat(Health.worst(List.of())).isEqualTo(Health.HEALTHY);
    }
}
