package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DescriberTest {
    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    @Test
    void aPodShowsNodeContainersTheirStateAndConditions() {
        JsonNode pod = json("{'metadata':{'name':'web-1','namespace':'default','creationTimestamp':'2024-05-01T11:00:00Z',"
                + "'ownerReferences':[{'kind':'ReplicaSet','name':'web-abc','controller':true}]},"
                + "'spec':{'nodeName':'n1','containers':[{'name':'web','image':'nginx:1','ports':[{'containerPort':80}],"
                + "'env':[{'name':'MODE','value':'fast'},{'name':'KEY','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}}]}]},"
                + "'status':{'phase':'Running','podIP':'10.1.0.7','conditions':[{'type':'Ready','status':'False',"
                + "'reason':'ContainersNotReady','message':'containers with unready status: [web]'}],"
                + "'containerStatuses':[{'name':'web','ready':false,'restartCount':4,"
                + "'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}");
        String text = Describer.describe(ResourceTypes.POD, pod, List.of(), Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(text).isEqualTo("""
                Name:             web-1
                Namespace:        default
                Labels:           <none>
                Annotations:      <none>
                CreationTimestamp: 2024-05-01T11:00:00Z
                Controlled By:    ReplicaSet/web-abc
                Node:             n1
                Status:           CrashLoopBackOff
                IP:               10.1.0.7
                Containers:
                  web:
                    Image:            nginx:1
                    Port:             80/TCP
                    State:            Waiting
                      Reason:           CrashLoopBackOff
                    Ready:            False
                    Restart Count:    4
                    Environment:
                      MODE: fast
                      KEY: <set from secretKeyRef>
                Conditions:
                  Type    Status   Reason               Message
                  Ready   False    ContainersNotReady   containers with unready status: [web]
                Events:  <none>
                """);
    }

    @Test
    void aConfigMapShowsItsData() {
        JsonNode config = json("{'metadata':{'name':'c','namespace':'default'},'data':{'mode':'fast'}}");
        assertThat(Describer.describe(ResourceTypes.CONFIG_MAP, config, List.of(), Instant.now()))
                .contains("Data:\n  mode: fast\n");
    }
}
