package dev.orc.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreeWayMergeTest {
    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    private static String patch(String original, String modified, String current) {
        return ThreeWayMerge.patch(json(original), json(modified), json(current)).toString().replace('"', '\'');
    }

    @Test
    void unchangedWhenOnlyTheServerAddedFields() {
        String live = "{'metadata':{'name':'web','uid':'u1','resourceVersion':'9'},'spec':{'replicas':2,"
                + "'template':{'spec':{'containers':[{'name':'web','image':'nginx','imagePullPolicy':'IfNotPresent',"
                + "'ports':[{'containerPort':80,'protocol':'TCP'}]}]}}},'status':{'replicas':2}}";
        String file = "{'metadata':{'name':'web'},'spec':{'replicas':2,'template':{'spec':{'containers':"
                + "[{'name':'web','image':'nginx','ports':[{'containerPort':80}]}]}}}}";
        assertThat(patch(file, file, live)).isEqualTo("{}");
    }

    @Test
    void setsChangedFieldsAndReplacesChangedLists() {
        String last = "{'spec':{'replicas':2,'containers':[{'name':'web','image':'nginx:1'}]}}";
        String now = "{'spec':{'replicas':3,'containers':[{'name':'web','image':'nginx:2'}]}}";
        String live = "{'spec':{'replicas':2,'containers':[{'name':'web','image':'nginx:1','imagePullPolicy':'IfNotPresent'}]}}";
        assertThat(patch(last, now, live)).isEqualTo("{'spec':{'replicas':3,'containers':[{'name':'web','image':'nginx:2'}]}}");
    }

    @Test
    void removesWhatTheLastApplyHadAndTheFileNoLongerHas() {
        String last = "{'metadata':{'labels':{'app':'web','tier':'front'}},'spec':{'paused':true}}";
        String now = "{'metadata':{'labels':{'app':'web'}},'spec':{}}";
        String live = "{'metadata':{'labels':{'app':'web','tier':'front','team':'x'}},'spec':{'paused':true,'replicas':1}}";
        assertThat(patch(last, now, live)).isEqualTo("{'metadata':{'labels':{'tier':null}},'spec':{'paused':null}}");
    }

    @Test
    void leavesFieldsOthersWroteAlone() {
        String last = "{'spec':{'replicas':1}}";
        String live = "{'spec':{'replicas':1,'minReadySeconds':5},'status':{'ready':1}}";
        assertThat(patch(last, last, live)).isEqualTo("{}");
    }

    @Test
    void aRemovedListItemReplacesTheList() {
        String last = "{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}";
        String now = "{'env':[{'name':'A','value':'1'}]}";
        assertThat(patch(last, now, last)).isEqualTo("{'env':[{'name':'A','value':'1'}]}");
    }

    @Test
    void aFieldRemovedInsideAListItemIsNoticed() {
        String last = "{'containers':[{'name':'a','image':'x','args':['-v']}]}";
        String now = "{'containers':[{'name':'a','image':'x'}]}";
        String live = "{'containers':[{'name':'a','image':'x','args':['-v'],'imagePullPolicy':'Always'}]}";
        assertThat(patch(last, now, live)).isEqualTo("{'containers':[{'name':'a','image':'x'}]}");
    }

    @Test
    void numbersCompareByValue() {
        assertThat(patch("{}", "{'cpu':1}", "{'cpu':1.0}")).isEqualTo("{}");
    }

    @Test
    void theAnnotationRecordsTheFileWithoutItself() {
        ObjectNode desired = (ObjectNode) json("{'kind':'ConfigMap','metadata':{'name':'c'},'data':{'a':'1'}}");
        ObjectNode annotated = LastApplied.annotate(desired);
        assertThat(LastApplied.of(annotated)).contains(desired);
        ObjectNode again = LastApplied.annotate(annotated);
        assertThat(LastApplied.of(again)).contains(desired);
        assertThat(LastApplied.of(desired)).isEmpty();
    }
}
