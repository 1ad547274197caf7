package dev.orc.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.table.NodeSummary;
import dev.orc.api.table.PodSummary;
import dev.orc.api.table.Selectors;
import dev.orc.api.table.ServiceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GetColumnsTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    private static String table(dev.orc.api.meta.ResourceType type, boolean wide, String... objects) {
        List<dev.orc.api.table.Column> columns = GetColumns.of(type, wide, false, false);
        Table table = new Table().add(GetColumns.headers(columns));
        for (String object : objects) {
            table.add(GetColumns.row(columns, json(object), NOW));
        }
        return String.join("\n", table.lines());
    }

    @Test
    void podsShowReadinessStatusRestartsAndAge() {
        String pod = "{'metadata':{'name':'web-1','creationTimestamp':'2024-05-01T11:55:00Z'},"
                + "'spec':{'nodeName':'n1','containers':[{'name':'a'},{'name':'b'}]},"
                + "'status':{'phase':'Running','podIP':'10.1.0.4','containerStatuses':["
                + "{'name':'a','ready':true,'restartCount':1,'state':{'running':{}}},"
                + "{'name':'b','ready':false,'restartCount':2,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}";
        assertThat(table(ResourceTypes.POD, true, pod)).isEqualTo("""
                NAME    READY   STATUS             RESTARTS   AGE   IP         NODE   NOMINATED NODE   READINESS GATES
                web-1   1/2     CrashLoopBackOff   3          5m    10.1.0.4   n1     <none>           <none>""");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{'status':{'phase':'Pending'}} | Pending",
            "{} | Pending",
            "{'metadata':{'deletionTimestamp':'2024-05-01T12:00:00Z'},'status':{'phase':'Running'}} | Terminating",
            "{'status':{'phase':'Succeeded','containerStatuses':[{'state':{'terminated':{'reason':'Completed'}}}]}} | Completed",
            "{'status':{'phase':'Pending','containerStatuses':[{'state':{'waiting':{'reason':'ContainerCreating'}}}]}} | ContainerCreating",
            "{'status':{'phase':'Failed','reason':'Evicted'}} | Evicted"})
    void podStatusIsWhatAPersonNeedsToKnow(String pod, String expected) {
        assertThat(PodSummary.status(json(pod))).isEqualTo(expected);
    }

    @Test
    void disruptionBudgetsShowTheirBoundsAsKubectlDoesWithNotApplicableForTheOther() {
        String web = "{'metadata':{'name':'web','creationTimestamp':'2024-05-01T11:00:00Z'},"
                + "'spec':{'minAvailable':2},'status':{'disruptionsAllowed':1}}";
        String queue = "{'metadata':{'name':'queue','creationTimestamp':'2024-05-01T11:58:00Z'},"
                + "'spec':{'maxUnavailable':'25%'}}";
        assertThat(table(ResourceTypes.POD_DISRUPTION_BUDGET, false, web, queue)).isEqualTo("""
                NAME    MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
                web     2               N/A               1                     60m
                queue   N/A             25%               0                     2m""");
    }

    @Test
    void ingressesShowClassHostsAddressAndPortsAsKubectlDoes() {
        String web = "{'metadata':{'name':'web','creationTimestamp':'2024-05-01T11:00:00Z'},'spec':{"
                + "'ingressClassName':'orc','tls':[{'hosts':['web.localhost'],'secretName':'web-tls'}],"
                + "'rules':[{'host':'web.localhost'},{'host':'api.localhost'}]},"
                + "'status':{'loadBalancer':{'ingress':[{'ip':'192.0.2.1'},{'ip':'192.0.2.2'}]}}}";
        String fallback = "{'metadata':{'name':'fallback','creationTimestamp':'2024-05-01T11:58:00Z'},"
                + "'spec':{'defaultBackend':{'service':{'name':'web','port':{'number':80}}}}}";
        assertThat(table(ResourceTypes.INGRESS, false, web, fallback)).isEqualTo("""
                NAME       CLASS    HOSTS                         ADDRESS               PORTS     AGE
                web        orc      web.localhost,api.localhost   192.0.2.1,192.0.2.2   80, 443   60m
                fallback   <none>   *                                                   80        2m""");
    }

    @Test
    void cronJobsShowScheduleTimeZoneSuspendActiveAndLastSchedule() {
        String nightly = "{'metadata':{'name':'nightly','creationTimestamp':'2024-04-30T12:00:00Z'},"
                + "'spec':{'schedule':'0 3 * * *','timeZone':'Europe/Berlin','suspend':false,'jobTemplate':{'spec':{"
                + "'template':{'spec':{'containers':[{'name':'report','image':'report:1'}]}}}}},"
                + "'status':{'active':[{'name':'nightly-1'}],'lastScheduleTime':'2024-05-01T11:00:00Z'}}";
        String paused = "{'metadata':{'name':'paused','creationTimestamp':'2024-05-01T11:58:00Z'},"
                + "'spec':{'schedule':'@hourly','suspend':true,'jobTemplate':{'spec':{"
                + "'template':{'spec':{'containers':[{'name':'a','image':'a:1'}]}}}}}}";
        assertThat(table(ResourceTypes.CRON_JOB, true, nightly, paused)).isEqualTo("""
                NAME      SCHEDULE    TIMEZONE        SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES     SELECTOR
                nightly   0 3 * * *   Europe/Berlin   False     1        60m             24h   report       report:1   <none>
                paused    @hourly     <none>          True      0        <none>          2m    a            a:1        <none>""");
    }

    @Test
    void statefulSetsShowReadyOfDesiredAndAge() {
        String web = "{'metadata':{'name':'web','creationTimestamp':'2024-05-01T11:50:00Z'},'spec':{'replicas':3,"
                + "'template':{'spec':{'containers':[{'name':'kv','image':'orc/busybox:1'}]}}},'status':{'readyReplicas':2}}";
        assertThat(table(ResourceTypes.STATEFUL_SET, false, web)).isEqualTo("""
                NAME   READY   AGE
                web    2/3     10m""");
        assertThat(table(ResourceTypes.STATEFUL_SET, true, web)).isEqualTo("""
                NAME   READY   AGE   CONTAINERS   IMAGES
                web    2/3     10m   kv           orc/busybox:1""");
    }

    @Test
    void claimsShowStatusCapacityAbbreviatedAccessModesAndStorageClass() {
        String claim = "{'metadata':{'name':'data-web-0','creationTimestamp':'2024-05-01T11:00:00Z'},"
                + "'spec':{'storageClassName':'local','volumeMode':'Filesystem'},"
                + "'status':{'phase':'Bound','capacity':{'storage':'1Gi'},'accessModes':['ReadWriteOnce','ReadOnlyMany']}}";
        assertThat(table(ResourceTypes.PERSISTENT_VOLUME_CLAIM, true, claim)).isEqualTo("""
                NAME         STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE   VOLUMEMODE
                data-web-0   Bound             1Gi        RWO,ROX        local          <unset>                 60m   Filesystem""");
    }

    @Test
    void controllerRevisionsShowTheirControllerAndNumber() {
        String revision = "{'metadata':{'name':'web-6c9f8b7d5','creationTimestamp':'2024-05-01T11:59:00Z',"
                + "'ownerReferences':[{'apiVersion':'apps/v1','kind':'StatefulSet','name':'web','controller':true}]},"
                + "'revision':2}";
        assertThat(table(ResourceTypes.CONTROLLER_REVISION, false, revision)).isEqualTo("""
                NAME            CONTROLLER             REVISION   AGE
                web-6c9f8b7d5   statefulset.apps/web   2          60s""");
    }

    @Test
    void servicesShowPortsAndExternalAddresses() {
        String nodePort = "{'metadata':{'name':'web'},'spec':{'type':'NodePort','clusterIP':'10.96.0.10','selector':{'app':'web'},"
                + "'ports':[{'port':80,'nodePort':30080,'protocol':'TCP'},{'port':53,'protocol':'UDP'}]}}";
        String pending = "{'metadata':{'name':'lb'},'spec':{'type':'LoadBalancer','clusterIP':'10.96.0.11','ports':[{'port':443}]}}";
        assertThat(table(ResourceTypes.SERVICE, true, nodePort, pending)).isEqualTo("""
                NAME   TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)               AGE         SELECTOR
                web    NodePort       10.96.0.10   <none>        80:30080/TCP,53/UDP   <unknown>   app=web
                lb     LoadBalancer   10.96.0.11   <pending>     443/TCP               <unknown>   <none>""");
    }

    @Test
    void endpointsShowAtMostThreeAddresses() {
        JsonNode endpoints = json("{'subsets':[{'addresses':[{'ip':'a'},{'ip':'b'},{'ip':'c'},{'ip':'d'}],"
                + "'ports':[{'port':80}]}]}");
        assertThat(ServiceSummary.endpoints(endpoints)).isEqualTo("a:80,b:80,c:80 + 1 more...");
        assertThat(ServiceSummary.endpoints(json("{}"))).isEqualTo("<none>");
    }

    @Test
    void nodesShowReadinessRolesAndCordon() {
        JsonNode node = json("{'metadata':{'labels':{'node-role.kubernetes.io/control-plane':''}},'spec':{'unschedulable':true},"
                + "'status':{'conditions':[{'type':'Ready','status':'True'}]}}");
        assertThat(NodeSummary.status(node)).isEqualTo("Ready,SchedulingDisabled");
        assertThat(NodeSummary.roles(node)).isEqualTo("control-plane");
        assertThat(NodeSummary.status(json("{}"))).isEqualTo("Unknown");
    }

    @Test
    void selectorsReadAsUsersTypeThem() {
        assertThat(Selectors.format(json("{'matchLabels':{'app':'web'},'matchExpressions':["
                + "{'key':'tier','operator':'In','values':['a','b']},{'key':'canary','operator':'DoesNotExist'}]}")))
                .isEqualTo("app=web,tier in (a,b),!canary");
    }

    @Test
    void kindsWithoutTheirOwnColumnsShowNameAndAge() {
        assertThat(GetColumns.headers(GetColumns.of(ResourceTypes.ENDPOINTS, false, true, false)))
                .containsExactly("NAMESPACE", "NAME", "ENDPOINTS", "AGE");
        assertThat(GetColumns.headers(GetColumns.of(ResourceTypes.NODE, false, true, false)))
                .containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
    }
}
