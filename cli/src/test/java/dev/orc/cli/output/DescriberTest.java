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
    void aCronJobShowsItsScheduleHistoryLimitsTemplateAndActiveJobs() {
        JsonNode cronJob = json("{'metadata':{'name':'report','namespace':'default','creationTimestamp':'2024-05-01T11:00:00Z'},"
                + "'spec':{'schedule':'0 3 * * *','timeZone':'Europe/Berlin','concurrencyPolicy':'Forbid','suspend':false,"
                + "'successfulJobsHistoryLimit':3,'failedJobsHistoryLimit':1,'jobTemplate':{'spec':{'template':{"
                + "'metadata':{'labels':{'app':'report'}},'spec':{'containers':[{'name':'report','image':'report:1'}]}}}}},"
                + "'status':{'active':[{'name':'report-28571460'}],'lastScheduleTime':'2024-05-01T01:00:00Z'}}");

        String text = Describer.describe(ResourceTypes.CRON_JOB, cronJob, List.of(), Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(text).containsSubsequence("Schedule:", "0 3 * * *", "Time Zone:", "Europe/Berlin",
                "Concurrency Policy:", "Forbid", "Suspend:", "False", "Successful Job History Limit:", "3",
                "Failed Job History Limit:", "1", "Starting Deadline Seconds:", "<unset>", "Pod Template:",
                "app=report", "report:1", "Last Schedule Time:", "2024-05-01T01:00:00Z",
                "Active Jobs:", "report-28571460");
    }

    @Test
    void aServiceAccountShowsItsSecretsAndNoStoredTokens() {
        JsonNode account = json("{'metadata':{'name':'build','namespace':'ci','creationTimestamp':'2024-05-01T11:00:00Z'},"
                + "'imagePullSecrets':[{'name':'registry'}]}");

        String text = Describer.describe(ResourceTypes.SERVICE_ACCOUNT, account, List.of(),
                Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(text).containsSubsequence("Name:", "build", "Namespace:", "ci", "Image pull secrets:", "registry",
                "Mountable secrets:", "<none>", "Tokens:", "<none>");
    }

    @Test
    void anIngressShowsItsRulesWithTheEndpointsTheirBackendsResolveTo() {
        JsonNode ingress = json("{'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'name':'web',"
                + "'namespace':'shop','creationTimestamp':'2024-05-01T11:00:00Z'},'spec':{'ingressClassName':'orc',"
                + "'tls':[{'hosts':['web.localhost'],'secretName':'web-tls'}],'rules':[{'host':'web.localhost','http':"
                + "{'paths':[{'path':'/','pathType':'Prefix','backend':{'service':{'name':'web','port':{'name':'http'}}}},"
                + "{'path':'/api','pathType':'Prefix','backend':{'service':{'name':'api','port':{'number':80}}}}]}}]},"
                + "'status':{'loadBalancer':{'ingress':[{'ip':'192.0.2.1'}]}}}");
        List<JsonNode> related = List.of(
                json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'web','namespace':'shop'},"
                        + "'spec':{'ports':[{'name':'http','port':80}]}}"),
                json("{'apiVersion':'v1','kind':'Endpoints','metadata':{'name':'web','namespace':'shop'},"
                        + "'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}],'ports':[{'name':'http','port':31001}]}]}"));

        String text = Describer.describe(ResourceTypes.INGRESS, ingress, related, List.of(),
                Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(text).contains("Address:          192.0.2.1\n", "Ingress Class:    orc\n",
                "Default backend:  <default>\n", "  web-tls terminates web.localhost\n",
                "              /   web:http (10.0.0.1:31001,10.0.0.2:31001)\n",
                "              /api   api:80 (<error: service \"api\" not found>)\n");
    }

    @Test
    void aDisruptionBudgetShowsItsBoundSelectorCountsAndCondition() {
        JsonNode pdb = json("{'metadata':{'name':'web','namespace':'default','creationTimestamp':'2024-05-01T11:00:00Z'},"
                + "'spec':{'minAvailable':2,'selector':{'matchLabels':{'app':'web'}}},"
                + "'status':{'disruptionsAllowed':1,'currentHealthy':3,'desiredHealthy':2,'expectedPods':3,"
                + "'conditions':[{'type':'DisruptionAllowed','status':'True','reason':'SufficientPods'}]}}");

        String text = Describer.describe(ResourceTypes.POD_DISRUPTION_BUDGET, pdb, List.of(),
                Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(text).contains("Min available:    2\n", "Selector:         app=web\n", "Status:\n",
                "    Allowed disruptions: 1\n", "    Current:          3\n", "    Desired:          2\n",
                "    Total:            3\n").containsSubsequence("Conditions:", "DisruptionAllowed", "True",
                "SufficientPods");
        assertThat(text).doesNotContain("Max unavailable");
    }

    @Test
    void aStatefulSetShowsReplicasStrategyPartitionTemplateAndClaimTemplates() {
        JsonNode set = json("{'metadata':{'name':'web','namespace':'default','creationTimestamp':'2024-05-01T11:00:00Z'},"
                + "'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},'updateStrategy':{'type':'RollingUpdate',"
                + "'rollingUpdate':{'partition':2}},'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':"
                + "[{'name':'kv','image':'orc/busybox:1'}]}},'volumeClaimTemplates':[{'metadata':{'name':'data'},"
                + "'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}]},"
                + "'status':{'replicas':3,'readyReplicas':3,'currentReplicas':2,'updatedReplicas':1}}");

        String text = Describer.describe(ResourceTypes.STATEFUL_SET, set, List.of(), Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(text).containsSubsequence("Selector:", "app=web", "Replicas:", "3 desired | 3 total",
                "Update Strategy:", "RollingUpdate", "Partition:", "2", "Pods Status:", "3 Ready / 2 Current / 1 Updated",
                "Pod Template:", "orc/busybox:1", "Volume Claims:", "Name:", "data", "Capacity:", "1Gi",
                "Access Modes:", "[RWO]");
    }

    @Test
    void aClaimShowsItsStatusCapacityAndThePodsUsingIt() {
        JsonNode claim = json("{'metadata':{'name':'data-web-0','namespace':'default','creationTimestamp':'2024-05-01T11:00:00Z',"
                + "'finalizers':['kubernetes.io/pvc-protection']},'spec':{'volumeMode':'Filesystem'},"
                + "'status':{'phase':'Bound','capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce']}}");
        JsonNode pod = json("{'metadata':{'name':'web-0'}}");

        String text = Describer.describe(ResourceTypes.PERSISTENT_VOLUME_CLAIM, claim, List.of(pod), List.of(),
                Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(text).containsSubsequence("Status:", "Bound", "Finalizers:", "[kubernetes.io/pvc-protection]",
                "Capacity:", "1Gi", "Access Modes:", "RWO", "VolumeMode:", "Filesystem", "Used By:", "web-0");
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

    @Test
    void aNodeShowsItsPodsAndWhatTheyAskOfItsAllocatableResources() {
        JsonNode node = json("{'metadata':{'name':'n1','creationTimestamp':'2024-05-01T11:00:00Z'},"
                + "'spec':{'taints':[{'key':'dedicated','value':'db','effect':'NoSchedule'}]},"
                + "'status':{'addresses':[{'type':'InternalIP','address':'192.0.2.10'}],"
                + "'capacity':{'cpu':'2','memory':'4Gi'},'allocatable':{'cpu':'2','memory':'4Gi'}}}");
        JsonNode web = json("{'metadata':{'name':'web-1','namespace':'default'},'spec':{'containers':[{'name':'web',"
                + "'resources':{'requests':{'cpu':'500m','memory':'1Gi'},'limits':{'cpu':'1','memory':'2Gi'}}}]},"
                + "'status':{'phase':'Running'}}");
        JsonNode done = json("{'metadata':{'name':'job-1','namespace':'default'},'spec':{'containers':[{'name':'j',"
                + "'resources':{'requests':{'cpu':'1'}}}]},'status':{'phase':'Succeeded'}}");
        String text = Describer.describe(ResourceTypes.NODE, node, List.of(web, done), List.of(),
                Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(text).contains("Taints:           dedicated=db:NoSchedule\n")
                .contains("InternalIP:       192.0.2.10\n")
                .contains("Non-terminated Pods: (1 in total)\n")
                .contains("  default     web-1   500m (25%)     1 (50%)      1Gi (25%)         2Gi (50%)\n")
                .contains("Allocated resources:\n  Resource   Requests     Limits\n  cpu        500m (25%)   1 (50%)\n"
                        + "  memory     1Gi (25%)    2Gi (50%)\n");
    }

    @Test
    void aServiceListsItsEndpoints() {
        JsonNode service = json("{'metadata':{'name':'web','namespace':'default'},'spec':{'type':'ClusterIP',"
                + "'clusterIP':'10.96.0.10','selector':{'app':'web'},'ports':[{'name':'http','port':80,'targetPort':8080}]}}");
        JsonNode endpoints = json("{'metadata':{'name':'web','namespace':'default'},'subsets':[{'addresses':"
                + "[{'ip':'192.0.2.10'},{'ip':'192.0.2.11'}],'ports':[{'name':'http','port':32768}]}]}");
        assertThat(Describer.describe(ResourceTypes.SERVICE, service, List.of(endpoints), List.of(), Instant.EPOCH))
                .contains("Endpoints:        192.0.2.10:32768,192.0.2.11:32768\n");
        assertThat(Describer.describe(ResourceTypes.SERVICE, service, List.of(), List.of(), Instant.EPOCH))
                .contains("Endpoints:        <none>\n");
    }
}
