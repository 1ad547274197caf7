package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.client.ListOptions;
import dev.orc.api.meta.ResourceTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 end to end: one {@code orc server} and one {@code orc node} process on the real Docker engine, the node
 * running the service proxy (cluster IPs added to a local interface, node ports on every address) and the cluster
 * DNS server on an address of its own whose upstream is a stub resolver on loopback. Traffic stays on this machine:
 * every cluster IP is checked to be on a local interface before the test sends to it. Each test has its namespace;
 * the manifests are applied at the start so that their pods come up side by side.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServicesE2E {
    private static final Duration SETTLE = Duration.ofSeconds(120);
    private static final String DOMAIN = "cluster.local";

    @TempDir
    static Path dir;
    private static LoopbackResolver resolver;
    private static String dnsIp;
    private static E2ECluster cluster;

    @BeforeAll
    static void start() throws Exception {
        DockerHost.require();
        resolver = LoopbackResolver.start();
        dnsIp = LocalAddresses.random(97);
        cluster = E2ECluster.server(dir, "ServicesE2E");
        cluster.startNode("n1", "--dns-address", dnsIp, "--dns-upstream", resolver.address());
        cluster.await("the node's DNS address " + dnsIp + " on a local interface (the node adds it; it needs root or "
                + "CAP_NET_ADMIN)", SETTLE, () -> assertThat(LocalAddresses.isLocal(dnsIp)).isTrue());
        cluster.apply("spread", Manifests.namespace("spread") + SPREAD);
        cluster.apply("roll-v1", Manifests.namespace("roll") + roll(1, 3) + service("roll", "web", "ClusterIP", "app: web"));
        cluster.apply("guestbook", Manifests.namespace("guestbook") + GUESTBOOK);
    }

    @AfterAll
    static void stop() {
        List<String> addresses = new ArrayList<>();
        if (dnsIp != null) {
            addresses.add(dnsIp);
        }
        if (cluster != null) {
            try {
                items(cluster.client().list(ResourceTypes.SERVICE, null, ListOptions.all())).stream()
                        .map(s -> s.path("spec").path("clusterIP").asText())
                        .filter(ip -> !ip.isEmpty() && !ip.equals("None")).forEach(addresses::add);
            } finally {
                cluster.close();
            }
        }
        LocalAddresses.removeLeftovers(addresses);
        if (resolver != null) {
            resolver.close();
        }
    }

    @Test
    @Order(1)
    void requestsThroughAClusterIPSpreadOverTheThreeReadyReplicasAndNoneReachesAPodFailingReadiness() throws Exception {
        List<String> ready = awaitSpread();
        String clusterIP = boundClusterIP("spread", "who");

        Map<String, Integer> answers = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            answers.merge(podOf(RawHttp.body(clusterIP, 80, "/")), 1, Integer::sum);
        }

        assertThat(answers.keySet()).as("pods answering through %s:80, with counts %s", clusterIP, answers)
                .containsExactlyInAnyOrderElementsOf(ready);
    }

    @Test
    @Order(2)
    void aNodePortAnswersOnTheLoopbackAddressFromTheHost() throws Exception {
        List<String> ready = awaitSpread();
        int nodePort = service("spread", "who").path("spec").path("ports").path(0).path("nodePort").asInt();
        assertThat(nodePort).as("nodePort of spread/who").isBetween(30000, 32767);

        List<String> answeredBy = new ArrayList<>();
        cluster.await("spread/who answering on 127.0.0.1:" + nodePort, SETTLE, () ->
                answeredBy.add(podOf(RawHttp.body("127.0.0.1", nodePort, "/"))));
        for (int i = 0; i < 5; i++) {
            answeredBy.add(podOf(RawHttp.body("127.0.0.1", nodePort, "/")));
        }

        assertThat(answeredBy).isSubsetOf(ready);
    }

    @Test
    @Order(3)
    void aHeadlessServiceResolvesToThePodsAndItsNamedPortToEachPodsPublishedPort() {
        awaitSpread();
        List<PodView> pods = cluster.pods("spread", "app=who,role=ready");
        InetSocketAddress dns = new InetSocketAddress(dnsIp, 53);

        cluster.await("who-headless resolving to the 3 ready pods", SETTLE, () -> {
            Message a = DnsQuery.ask(dns, "who-headless.spread.svc." + DOMAIN, Type.A);
            assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(DnsQuery.answers(a, Type.A)).extracting(DnsQuery::address)
                    .containsExactlyInAnyOrderElementsOf(pods.stream().map(PodView::hostIP).distinct().toList());
            Message srv = DnsQuery.ask(dns, "_http._tcp.who-headless.spread.svc." + DOMAIN, Type.SRV);
            assertThat(DnsQuery.answers(srv, Type.SRV)).extracting(DnsQuery::srvPort)
                    .containsExactlyInAnyOrderElementsOf(pods.stream().map(PodView::hostPort).toList());
        });
        Message clusterIP = DnsQuery.ask(dns, "who.spread.svc." + DOMAIN, Type.A);
        assertThat(DnsQuery.answers(clusterIP, Type.A)).extracting(DnsQuery::address)
                .containsExactly(service("spread", "who").path("spec").path("clusterIP").asText());
    }

    @Test
    @Order(4)
    void anExternalNameServiceResolvesAsACnameThatTheUpstreamAnswers() {
        InetSocketAddress dns = new InetSocketAddress(dnsIp, 53);

        Message answer = DnsQuery.ask(dns, "db.spread.svc." + DOMAIN, Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(DnsQuery.answers(answer, Type.CNAME)).extracting(DnsQuery::cnameTarget)
                .containsExactly("db.upstream.test");
        assertThat(DnsQuery.answers(answer, Type.A)).extracting(DnsQuery::owner, DnsQuery::address)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("db.upstream.test", LoopbackResolver.ADDRESS));
        assertThat(resolver.asked()).contains("db.upstream.test");
    }

    @Test
    @Order(5)
    void scalingAndARollingUpdateKeepTheServiceAnsweringWithoutAFailedRequest() throws Exception {
        awaitRoll(3, "orc/web:1");
        String clusterIP = boundClusterIP("roll", "web");

        try (ServicePoller poller = ServicePoller.start(clusterIP, 80)) {
            cluster.await("the poller answered by version 1", SETTLE, () -> assertThat(poller.lastVersion()).isEqualTo("1"));

            cluster.orc("scale", "deployment/web", "--replicas", "5", "-n", "roll").succeeded();
            List<String> five = awaitRoll(5, "orc/web:1");
            cluster.await("all 5 pods answering through the service", SETTLE, () ->
                    assertThat(poller.pods()).containsKeys(five.toArray(String[]::new)));

            cluster.orc("scale", "deployment/web", "--replicas", "2", "-n", "roll").succeeded();
            awaitRoll(2, "orc/web:1");

            cluster.apply("roll-v2", roll(2, 2));
            awaitRoll(2, "orc/web:2");
            cluster.await("the poller answered by version 2", SETTLE, () -> assertThat(poller.lastVersion()).isEqualTo("2"));
            poller.close();

            assertThat(poller.failures()).as("failed requests out of %d; answers by version %s", poller.requests(),
                    poller.versions()).isEmpty();
            assertThat(poller.versions()).containsKeys("1", "2");
        }
    }

    @Test
    @Order(6)
    void theGuestbookStoresAMessageThroughItsFrontendAndReadsItBackFromTheFollowersAndTheLeader() throws Exception {
        cluster.await("guestbook pods serving", SETTLE, () -> {
            assertThat(cluster.pods("guestbook", "app=redis,role=leader")).hasSize(1).allMatch(PodView::serving);
            assertThat(cluster.pods("guestbook", "app=redis,role=follower")).hasSize(2).allMatch(PodView::serving);
            assertThat(cluster.pods("guestbook", "app=guestbook")).hasSize(2).allMatch(PodView::serving);
        });
        int nodePort = service("guestbook", "frontend").path("spec").path("ports").path(0).path("nodePort").asInt();

        cluster.await("the frontend storing the message in the leader", SETTLE, () ->
                assertThat(RawHttp.body("127.0.0.1", nodePort, "/cgi-bin/set?message=hello-from-orc")).contains("OK"));

        cluster.await("the frontend reading the message back from a follower", SETTLE, () ->
                assertThat(RawHttp.body("127.0.0.1", nodePort, "/cgi-bin/get?message").strip()).isEqualTo("hello-from-orc"));
        assertThat(RawHttp.body("127.0.0.1", nodePort, "/cgi-bin/leader?message").strip())
                .as("the message read from the leader found through REDIS_LEADER_SERVICE_HOST and _PORT")
                .isEqualTo("hello-from-orc");
    }

    /** Waits for the three ready who pods, the unready one and their Endpoints; returns the ready pods' names. */
    private static List<String> awaitSpread() {
        List<String> ready = new ArrayList<>();
        cluster.await("3 ready who pods and 1 failing readiness, all in the endpoints of spread/who", SETTLE, () -> {
            List<PodView> readyPods = cluster.pods("spread", "app=who,role=ready");
            assertThat(readyPods).hasSize(3).allMatch(PodView::serving);
            List<PodView> unready = cluster.pods("spread", "app=who,role=unready");
            assertThat(unready).singleElement().satisfies(p -> {
                assertThat(p.phase()).isEqualTo("Running");
                assertThat(p.ready()).isFalse();
            });
            JsonNode subsets = cluster.client().get(ResourceTypes.ENDPOINTS, "spread", "who").path("subsets");
            assertThat(targets(subsets, "addresses")).containsExactlyInAnyOrderElementsOf(
                    readyPods.stream().map(PodView::name).toList());
            assertThat(targets(subsets, "notReadyAddresses")).containsExactly(unready.getFirst().name());
            ready.clear();
            readyPods.forEach(p -> ready.add(p.name()));
        });
        return List.copyOf(ready);
    }

    /** Waits for exactly {@code replicas} web pods of {@code image}, all serving; returns their names. */
    private static List<String> awaitRoll(int replicas, String image) {
        List<String> names = new ArrayList<>();
        cluster.await(replicas + " web pods of " + image + " serving and no other", SETTLE, () -> {
            List<PodView> pods = cluster.pods("roll", "app=web");
            assertThat(pods).hasSize(replicas).allMatch(PodView::serving).extracting(PodView::image).containsOnly(image);
            names.clear();
            pods.forEach(p -> names.add(p.name()));
        });
        return List.copyOf(names);
    }

    /** The cluster IP of a service, once it is on a local interface; fails saying so when the node never adds it. */
    private static String boundClusterIP(String namespace, String name) {
        String ip = service(namespace, name).path("spec").path("clusterIP").asText();
        assertThat(ip).as("clusterIP of %s/%s", namespace, name).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        cluster.await("cluster IP " + ip + " of " + namespace + "/" + name + " on a local interface (the node adds it; "
                + "it needs root or CAP_NET_ADMIN)", SETTLE, () -> assertThat(LocalAddresses.isLocal(ip)).isTrue());
        return ip;
    }

    private static JsonNode service(String namespace, String name) {
        return cluster.client().get(ResourceTypes.SERVICE, namespace, name);
    }

    private static Set<String> targets(JsonNode subsets, String field) {
        return items(subsets).stream().flatMap(s -> items(s.path(field)).stream())
                .map(a -> a.path("targetRef").path("name").asText()).collect(Collectors.toSet());
    }

    /** The pod named in an answer of the web pods ("POD version N"). */
    private static String podOf(String body) {
        String[] words = body.strip().split(" ");
        assertThat(words).as("answer %s", body).hasSize(3);
        return words[0];
    }

    private static List<JsonNode> items(JsonNode listOrArray) {
        JsonNode array = listOrArray.has("items") ? listOrArray.path("items") : listOrArray;
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static String service(String namespace, String name, String type, String selector) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  type: %s
                  selector:
                    %s
                  ports:
                    - name: http
                      port: 80
                      targetPort: http
                """.formatted(name, namespace, type, selector);
    }

    /**
     * A web container answering "POD version N" on 8080, ready once it answers, and still answering for three
     * seconds after SIGTERM (as a preStop sleep does in Kubernetes) so that the proxy has moved on before it stops.
     */
    private static String webContainer(String image, int version, String readiness) {
        return """
                      containers:
                        - name: web
                          image: %s
                          command: ["sh", "-c"]
                          args:
                            - |
                              mkdir -p /www
                              echo "$POD_NAME version $VERSION" > /www/index.html
                              trap 'sleep 3; kill $pid' TERM
                              httpd -f -p 8080 -h /www & pid=$!
                              wait $pid
                              wait $pid
                          env:
                            - name: POD_NAME
                              valueFrom:
                                fieldRef:
                                  fieldPath: metadata.name
                            - name: VERSION
                              value: "%d"
                          ports:
                            - name: http
                              containerPort: 8080
                          readinessProbe:
                            %s
                            periodSeconds: 1
                """.formatted(image, version, readiness);
    }

    /** Ready once httpd answers. */
    private static final String ANSWERS = "httpGet: {path: /, port: 8080}";

    /**
     * spread: three ready who pods and a fourth the Service selects too that never becomes ready (its readiness
     * probe reads a file that does not exist); the NodePort Service who, the headless who-headless over the ready
     * ones and the ExternalName db.
     */
    private static final String SPREAD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: who
              namespace: spread
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: who
                  role: ready
              template:
                metadata:
                  labels:
                    app: who
                    role: ready
                spec:
            %s
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: who-unready
              namespace: spread
              labels:
                app: who
                role: unready
            spec:
            %s
            %s
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: who-headless
              namespace: spread
            spec:
              clusterIP: None
              selector:
                app: who
                role: ready
              ports:
                - name: http
                  port: 80
                  targetPort: http
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: db
              namespace: spread
            spec:
              type: ExternalName
              externalName: db.upstream.test
            """.formatted(webContainer("orc/busybox:1", 1, ANSWERS),
            webContainer("orc/busybox:1", 1, "exec: {command: [cat, /tmp/never-there]}")
                    .replaceAll("(?m)^    ", ""),
            service("spread", "who", "NodePort", "app: who"));

    /** The web Deployment of {@code orc/web:VERSION} with {@code replicas}, rolling one pod at a time. */
    private static String roll(int version, int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: roll
                spec:
                  replicas: %d
                  selector:
                    matchLabels:
                      app: web
                  strategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxSurge: 1
                      maxUnavailable: 0
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                %s""".formatted(replicas, webContainer("orc/web:" + version, version, ANSWERS));
    }

    /**
     * The classic guestbook with its images replaced: "redis" is a line protocol (SET k v, GET k, DUMP) served by
     * busybox nc from a file; followers copy the leader's data every second; the frontend is busybox httpd whose
     * CGI scripts store through redis-leader and read through redis-follower, both found by DNS name, or read
     * from the leader found through its service variables (the Services are created before the frontend's pods).
     */
    private static final String GUESTBOOK = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: scripts
              namespace: guestbook
            data:
              kv.sh: |
                #!/bin/sh
                read -r command key value
                touch /tmp/db
                case "$command" in
                  SET) echo "$key $value" >> /tmp/db; echo OK ;;
                  GET) grep "^$key " /tmp/db | tail -n 1 | cut -d ' ' -f 2- ;;
                  DUMP) cat /tmp/db ;;
                esac
              follow.sh: |
                #!/bin/sh
                while true; do
                  printf 'DUMP\\n' | nc -w 2 redis-leader 6379 > /tmp/db.new && mv /tmp/db.new /tmp/db
                  sleep 1
                done
              set: |
                #!/bin/sh
                printf 'Content-Type: text/plain\\r\\n\\r\\n'
                printf 'SET %s %s\\n' "${QUERY_STRING%%=*}" "${QUERY_STRING#*=}" | nc -w 3 redis-leader 6379
              get: |
                #!/bin/sh
                printf 'Content-Type: text/plain\\r\\n\\r\\n'
                printf 'GET %s\\n' "$QUERY_STRING" | nc -w 3 redis-follower 6379
              leader: |
                #!/bin/sh
                printf 'Content-Type: text/plain\\r\\n\\r\\n'
                printf 'GET %s\\n' "$QUERY_STRING" | nc -w 3 "$REDIS_LEADER_SERVICE_HOST" "$REDIS_LEADER_SERVICE_PORT"
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: redis-leader
              namespace: guestbook
            spec:
              selector:
                app: redis
                role: leader
              ports:
                - port: 6379
                  targetPort: 6379
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: redis-follower
              namespace: guestbook
            spec:
              selector:
                app: redis
                role: follower
              ports:
                - port: 6379
                  targetPort: 6379
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: frontend
              namespace: guestbook
            spec:
              type: NodePort
              selector:
                app: guestbook
              ports:
                - port: 80
                  targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: redis-leader
              namespace: guestbook
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: redis
                  role: leader
              template:
                metadata:
                  labels:
                    app: redis
                    role: leader
                spec:
                  containers:
                    - name: leader
                      image: orc/busybox:1
                      command: ["nc", "-ll", "-p", "6379", "-e", "/scripts/kv.sh"]
                      ports:
                        - containerPort: 6379
                      readinessProbe:
                        tcpSocket:
                          port: 6379
                        periodSeconds: 1
                      volumeMounts:
                        - name: scripts
                          mountPath: /scripts
                  volumes:
                    - name: scripts
                      configMap:
                        name: scripts
                        defaultMode: 493
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: redis-follower
              namespace: guestbook
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: redis
                  role: follower
              template:
                metadata:
                  labels:
                    app: redis
                    role: follower
                spec:
                  containers:
                    - name: follower
                      image: orc/busybox:1
                      command: ["sh", "-c", "/scripts/follow.sh & exec nc -ll -p 6379 -e /scripts/kv.sh"]
                      ports:
                        - containerPort: 6379
                      readinessProbe:
                        tcpSocket:
                          port: 6379
                        periodSeconds: 1
                      volumeMounts:
                        - name: scripts
                          mountPath: /scripts
                  volumes:
                    - name: scripts
                      configMap:
                        name: scripts
                        defaultMode: 493
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: frontend
              namespace: guestbook
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: guestbook
              template:
                metadata:
                  labels:
                    app: guestbook
                spec:
                  containers:
                    - name: frontend
                      image: orc/busybox:1
                      command: ["sh", "-c", "mkdir -p /www && echo guestbook > /www/index.html && exec httpd -f -p 8080 -h /www"]
                      ports:
                        - containerPort: 8080
                      readinessProbe:
                        httpGet:
                          path: /
                          port: 8080
                        periodSeconds: 1
                      volumeMounts:
                        - name: cgi
                          mountPath: /www/cgi-bin
                  volumes:
                    - name: cgi
                      configMap:
                        name: scripts
                        defaultMode: 493
            """;
}
