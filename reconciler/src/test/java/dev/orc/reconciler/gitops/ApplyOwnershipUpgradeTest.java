package dev.orc.reconciler.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ApplyOwnershipUpgradeTest {
    private static JsonNode list(String json) {
        return Json.parse(json.replace('\'', '"'));
    }

    private static ArrayNode rewrite(String managedFields) {
        return ApplyOwnershipUpgrade.rewrite(list(managedFields), "orc-gitops").orElseThrow();
    }

    @Test
    void anUpdateEntryWithoutAnApplyEntryBecomesTheApplyEntryInItsPlace() {
        ArrayNode rewritten = rewrite("[{'manager':'kubectl','operation':'Update','apiVersion':'apps/v1','time':'2026-01-01T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}},"
                + "{'manager':'orc-gitops','operation':'Update','apiVersion':'apps/v1','time':'2026-01-02T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:minReadySeconds':{}}}}]");

        assertThat(rewritten).isEqualTo(list("[{'manager':'kubectl','operation':'Update','apiVersion':'apps/v1',"
                + "'time':'2026-01-01T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:replicas':{}}}},"
                + "{'manager':'orc-gitops','operation':'Apply','apiVersion':'apps/v1','time':'2026-01-02T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:spec':{'f:minReadySeconds':{}}}}]"));
    }

    @Test
    void theFieldsOfEveryUpdateEntryJoinTheApplyEntryAndTheUpdateEntriesGo() {
        ArrayNode rewritten = rewrite("[{'manager':'orc-gitops','operation':'Update','apiVersion':'v1','time':'2026-01-01T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:a':{}},'f:metadata':{'f:labels':{'f:x':{}}}}},"
                + "{'manager':'orc-gitops','operation':'Apply','apiVersion':'v1','time':'2026-01-03T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:b':{}}}},"
                + "{'manager':'orc-gitops','operation':'Update','apiVersion':'v2','time':'2026-01-02T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:c':{}},'f:metadata':{'f:labels':{'f:y':{}}}}}]");

        assertThat(rewritten).isEqualTo(list("[{'manager':'orc-gitops','operation':'Apply','apiVersion':'v1',"
                + "'time':'2026-01-03T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:b':{},'f:a':{},'f:c':{}},"
                + "'f:metadata':{'f:labels':{'f:x':{},'f:y':{}}}}}]"));
    }

    @Test
    void entriesOfSubresourcesAndOfOtherManagersAreKeptAsTheyAre() {
        String status = "{'manager':'orc-gitops','operation':'Update','apiVersion':'v1','subresource':'status',"
                + "'time':'2026-01-01T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:status':{'f:phase':{}}}}";
        String other = "{'manager':'alice','operation':'Apply','apiVersion':'v1','time':'2026-01-01T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:z':{}}}}";
        ArrayNode rewritten = rewrite("[" + status + "," + other + ",{'manager':'orc-gitops','operation':'Update','apiVersion':'v1',"
                + "'time':'2026-01-02T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:a':{}}}}]");

        assertThat(rewritten).hasSize(3);
        assertThat(rewritten.get(0)).isEqualTo(list(status));
        assertThat(rewritten.get(1)).isEqualTo(list(other));
        assertThat(rewritten.get(2).path("operation").asText()).isEqualTo("Apply");
        assertThat(rewritten.get(2).path("fieldsV1")).isEqualTo(list("{'f:data':{'f:a':{}}}"));
    }

    @Test
    void nothingIsRewrittenWhenTheManagerHasNoUpdateEntryOfTheObjectItself() {
        assertThat(ApplyOwnershipUpgrade.rewrite(list("[{'manager':'orc-gitops','operation':'Apply','apiVersion':'v1',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{}}},{'manager':'orc-gitops','operation':'Update',"
                + "'apiVersion':'v1','subresource':'status','fieldsType':'FieldsV1','fieldsV1':{'f:status':{}}},"
                + "{'manager':'kubectl','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV1','fieldsV1':{'f:data':{}}}]"),
                "orc-gitops")).isEmpty();
        assertThat(ApplyOwnershipUpgrade.rewrite(null, "orc-gitops")).isEqualTo(Optional.empty());
    }
}
