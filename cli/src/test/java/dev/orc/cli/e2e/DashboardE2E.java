package dev.orc.cli.e2e;

import dev.orc.api.meta.ResourceTypes;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 end to end in headless Chromium against a real {@code orc up} syncing the bundled examples: the admin logs
 * in with the link {@code orc up} prints, sees the GitSource Synced and its tree of Running pods, pushes a commit and
 * triggers a sync and sees the new ReplicaSet roll out without reloading, scales a Deployment and follows a pod's log
 * live; a viewer logged in with a token is refused a scale and the nodes. Then the same page in headless Firefox, on the
 * same cluster: the link {@code orc ui} prints logs in, the tree shows, a scale shows live, and no script fails.
 * Screenshots go to {@code target/dashboard-screenshots} (Firefox's to its {@code firefox} folder).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardE2E {
    private static final Duration LIVE = Duration.ofSeconds(120);
    private static final String LEFT = "\uE012";
    private static final String RIGHT = "\uE014";
    private static final String DOWN = "\uE015";
    private static final String ENTER = "\uE007";
    /**
     * What is wrong with the graph of the web Deployment, as a JSON array of sentences (empty when nothing is): its
     * ReplicaSet and that one's pods drawn as cards in columns by depth left to right, the ReplicaSet centred on its
     * pods' block, and an SVG edge from the middle of each parent's right side to the middle of each child's left side.
     */
    private static final String GRAPH_PROBLEMS = """
            const problems = [];
            const box = el => el.getBoundingClientRect();
            const deployment = document.querySelector('.graph a.gcard[data-key="Deployment/web"]');
            const pods = [...document.querySelectorAll('.graph a.gcard[data-key^="Pod/web-"]')];
            if (!deployment || !pods.length) return JSON.stringify(['no cards for the web Deployment and its pods']);
            const parentId = CSS.escape(pods[0].dataset.parent);
            const replicaSet = document.querySelector(`.graph a.gcard[data-id="${parentId}"]`);
            if (!replicaSet || !replicaSet.dataset.key.startsWith('ReplicaSet/web-')
                || replicaSet.dataset.parent !== deployment.dataset.id) {
              return JSON.stringify(['the first web pod is not drawn under a ReplicaSet of the web Deployment']);
            }
            const siblings = pods.filter(pod => pod.dataset.parent === replicaSet.dataset.id);
            if (siblings.length !== 2) problems.push(`${siblings.length} pods under ${replicaSet.dataset.key}, not 2`);
            if (!(box(deployment).right < box(replicaSet).left && box(replicaSet).right < box(siblings[0]).left)) {
              problems.push('the Deployment, ReplicaSet and pods are not in columns left to right');
            }
            const block = (box(siblings[0]).top + box(siblings[siblings.length - 1]).bottom) / 2;
            const middle = (box(replicaSet).top + box(replicaSet).bottom) / 2;
            if (Math.abs(block - middle) > 1) {
              problems.push(`the ReplicaSet's middle ${middle} is not its pods' ${block}`);
            }
            const band = deployment.closest('.band');
            const path = band.querySelector('svg path');
            const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
            const origin = box(band);
            const onEdge = (x, y) => [-1, 0, 1].some(dx => [-1, 0, 1].some(dy =>
              path.isPointInStroke(new DOMPoint((x + dx - origin.left) / rem, (y + dy - origin.top) / rem))));
            for (const [parent, child] of [[deployment, replicaSet], ...siblings.map(pod => [replicaSet, pod])]) {
              const from = box(parent);
              const to = box(child);
              if (!onEdge(from.right, (from.top + from.bottom) / 2) || !onEdge(to.left, (to.top + to.bottom) / 2)) {
                problems.push(`no edge from ${parent.dataset.key} to ${child.dataset.key}`);
              }
            }
            return JSON.stringify(problems);""";
    private static final String TICKER = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: ticker, namespace: default}
            spec:
              replicas: 1
              selector: {matchLabels: {app: ticker}}
              template:
                metadata: {labels: {app: ticker}}
                spec:
                  containers:
                  - name: main
                    image: orc/busybox:1
                    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"]
            """;

    @TempDir
    static Path dir;
    private static E2ECluster cluster;
    private static Browser browser;
    private static String base;

    /**
     * Opens the browser once the examples run: Chromium drops its connections and page loads when this machine's
     * addresses change, as they do while the node agent adds the examples' Service address.
     */
    @BeforeAll
    static void up() {
        DockerHost.require();
        cluster = E2ECluster.up(dir, "DashboardE2E", "--no-ingress");
        cluster.await("the examples synced and served", LIVE, () -> {
            assertThat(cluster.client().get(ResourceTypes.GIT_SOURCE, "default", "examples").at("/status/sync").asText())
                    .isEqualTo("Synced");
            assertThat(cluster.pods("default", "app=web")).hasSize(2).allMatch(PodView::serving);
        });
        browser = Browser.start(Path.of("target", "dashboard-screenshots").toAbsolutePath(),
                Path.of("target", "e2e-logs", "DashboardE2E-chromedriver.log").toAbsolutePath());
        base = cluster.server() + "/ui/";
    }

    @AfterAll
    static void down() {
        if (browser != null) {
            browser.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theLinkOrcUpPrintsLogsInOnceAndTheSessionIsNotReadableByScripts() {
        String link = cluster.controlPlaneLine(Pattern.compile("dashboard: (https://\\S+)")).group(1);

        logsInAndShowsTheGitSourceSynced(browser, link);
    }

    @Test
    @Order(2)
    void theGitSourcesTreeShowsTheRunningPods() {
        showsTheTreeOfRunningPods(browser);
    }

    @Test
    @Order(3)
    void aPushedCommitSyncedFromThePageRollsOutWithoutAReload() throws Exception {
        browser.open(base + "#/gitsource/default/examples");
        browser.awaitText("main", "Sync now", LIVE);
        browser.script("window.notReloaded = true");
        String commit = pushNewImage();

        browser.click("[data-key=sync]");

        browser.awaitText("main", commit.substring(0, 12), LIVE);
        browser.awaitText("h1", "Synced", LIVE);
        browser.screenshot("gitsource");
        browser.open(base + "#/tree/default?source=default/examples");
        browser.awaitTrue("revision 2 rolled out", "const rs = document.querySelector('a.node[data-key^=\"ReplicaSet/web-\"]');"
                + "const d = document.querySelector('a.node[data-key=\"Deployment/web\"]');"
                + "return !!rs && rs.textContent.includes('revision 2 · 2/2 ready') && d.classList.contains('healthy')"
                + " && d.textContent.includes('2/2 ready, 2 up to date')", LIVE);
        assertThat(browser.script("return window.notReloaded === true").asBoolean()).isTrue();
        browser.screenshot("tree-after-rollout");
    }

    @Test
    @Order(4)
    void scalingInThePageChangesTheDeploymentAndShowsLive() {
        cluster.apply("ticker", TICKER);
        browser.open(base + "#/object/Deployment/default/ticker");
        browser.awaitText(".rollout", "1 ready", LIVE);

        browser.type("#replicas", "2");
        browser.click("[data-key=scale]");

        browser.awaitText(".rollout", "2 ready", LIVE);
        assertThat(cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "ticker").at("/spec/replicas").asInt())
                .isEqualTo(2);
        browser.screenshot("deployment");
        assertThat(browser.javaScriptErrors()).isEmpty();

        aChangeRedrawsOnlyItsOwnCardInTheGraph();
    }

    /**
     * A scale of the ticker patches its card in place: the ticker's and the web Deployment's cards stay the elements
     * they were, and the ticker's shows the new count.
     */
    private static void aChangeRedrawsOnlyItsOwnCardInTheGraph() {
        String ticker = "document.querySelector('.graph a.gcard[data-key=\"Deployment/ticker\"]')";
        browser.open(base + "#/tree/default");
        browser.awaitTrue("the ticker's card at 2/2",
                "return !!" + ticker + " && " + ticker + ".textContent.includes('2/2 ready')", LIVE);
        browser.script("window.cards = [" + ticker
                + ", document.querySelector('.graph a.gcard[data-key=\"Deployment/web\"]')]");

        cluster.orc("scale", "deployment/ticker", "--replicas", "3").succeeded();

        browser.awaitTrue("the ticker's card at 3/3", "return " + ticker + ".textContent.includes('3/3 ready')",
                LIVE);
        assertThat(browser.script("return window.cards.every(card => card && card.isConnected)").asBoolean())
                .isTrue();
        cluster.orc("scale", "deployment/ticker", "--replicas", "2").succeeded();
        browser.awaitTrue("the ticker's card at 2/2 again",
                "return " + ticker + ".textContent.includes('2/2 ready')", LIVE);
        assertThat(browser.javaScriptErrors()).isEmpty();
    }

    @Test
    @Order(5)
    void aPodsLogIsFollowedLive() {
        String pod = cluster.pods("default", "app=ticker").getFirst().name();
        browser.open(base + "#/logs/default/" + pod);
        browser.awaitText("#log", "tick", LIVE);
        int lines = browser.script("return document.getElementById('log').textContent.split('\\n').length").asInt();

        browser.awaitTrue("a new log line", "return document.getElementById('log').textContent.split('\\n').length > "
                + lines, Duration.ofSeconds(30));
        browser.screenshot("logs");
    }

    @Test
    @Order(6)
    void aViewerLoggedInWithATokenIsRefusedWritesAndWhatItMayNotSee() {
        cluster.apply("viewer", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: jane-views, namespace: default}
                subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
                roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
                """);
        String jane = cluster.orc("token", "create", "--user", "jane", "--ttl", "1h").succeeded().out().strip();
        browser.open(base);
        browser.click("#who button");
        browser.type("#token", jane);
        browser.click(".login button[type=submit]");
        browser.awaitText("#who", "jane", LIVE);

        browser.open(base + "#/object/Deployment/default/ticker");
        browser.awaitText(".rollout", "2 ready", LIVE);
        browser.type("#replicas", "5");
        browser.click("[data-key=scale]");

        browser.awaitText(".message", "forbidden", LIVE);
        assertThat(cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "ticker").at("/spec/replicas").asInt())
                .isEqualTo(2);
        browser.open(base + "#/nodes");
        assertThat(browser.awaitText("main", "forbidden", LIVE)).doesNotContain("Ready");
        browser.screenshot("viewer-refused");
        assertThat(browser.javaScriptErrors()).isEmpty();
    }

    /**
     * The same page in headless Firefox, on the same cluster to keep CI short: the link {@code orc ui} prints logs in,
     * the GitSource shows Synced and its tree Running pods, a scale shows without a reload, and no script fails.
     */
    @Test
    @Order(7)
    void inFirefoxTheLinkOrcUiPrintsLogsInAndTheTreeAndAScaleShowLive() {
        try (Firefox firefox = Firefox.start(Path.of("target", "dashboard-screenshots", "firefox").toAbsolutePath(),
                Path.of("target", "e2e-logs", "DashboardE2E-firefox.log").toAbsolutePath())) {
            String link = cluster.orc("ui").succeeded().out().lines().findFirst().orElseThrow();

            logsInAndShowsTheGitSourceSynced(firefox, link);
            showsTheTreeOfRunningPods(firefox);

            firefox.script("window.notReloaded = true");
            firefox.open(base + "#/object/Deployment/default/ticker");
            firefox.awaitText(".rollout", "2 ready", LIVE);
            firefox.type("#replicas", "1");
            firefox.click("[data-key=scale]");
            firefox.awaitText(".rollout", "1 ready, 1 available of 1 wanted", LIVE);
            assertThat(cluster.client().get(ResourceTypes.DEPLOYMENT, "default", "ticker").at("/spec/replicas").asInt())
                    .isEqualTo(1);
            assertThat(firefox.script("return window.notReloaded === true").asBoolean()).isTrue();
            firefox.screenshot("deployment");
            assertThat(firefox.javaScriptErrors()).isEmpty();
        }
    }

    /** Opens the one-time {@code link}: the page logs in, drops the code from its address and keeps no credential. */
    private static void logsInAndShowsTheGitSourceSynced(PageDriver page, String link) {
        assertThat(link).startsWith(base + "#login=");

        page.open(link);

        page.awaitTrue("the GitSources listed or the login form", "return !!document.querySelector('section.login')"
                + " || (document.querySelector('main')?.innerText ?? '').includes('default/examples')", LIVE);
        assertThat(page.script("return !document.querySelector('section.login')").asBoolean())
                .as(() -> "logged in by the link\n" + page.describe("login by link")).isTrue();
        assertThat(page.url()).doesNotContain("login=");
        assertThat(page.text("#who")).contains("admin");
        assertThat(page.script("return document.cookie").asText()).isEmpty();
        assertThat(page.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)").asText())
                .isEqualTo("{}{}");
        page.awaitText("main", "Synced", LIVE);
        page.screenshot("gitsources");
    }

    /**
     * The tree drawn as a graph of the web Deployment, its ReplicaSet and two Running pods; as lists when picked, and
     * in a narrow window unless the graph is picked; then moved through by the keyboard from the Deployment's card to a
     * pod's page.
     */
    private static void showsTheTreeOfRunningPods(PageDriver page) {
        page.open(base + "#/tree/default?source=default/examples");

        page.awaitTrue("two healthy web pods", "return document.querySelectorAll("
                + "'a.node.healthy[data-key^=\"Pod/web-\"]').length === 2", LIVE);
        assertThat(page.text("main")).contains("Running", "web-config");
        assertThat(page.script(GRAPH_PROBLEMS).asText()).isEqualTo("[]");
        page.screenshot("tree");

        page.click("[data-key=layout-list]");
        page.awaitTrue("the tree as lists", "return document.querySelectorAll("
                + "'ul.tree a.node.healthy[data-key^=\"Pod/web-\"]').length === 2 && !document.querySelector('.graph')", LIVE);
        page.screenshot("tree-list");
        page.click("[data-key=layout-graph]");
        page.awaitTrue("the tree as a graph again", "return document.querySelectorAll("
                + "'.graph a.node.healthy[data-key^=\"Pod/web-\"]').length === 2", LIVE);
        page.open(base + "#/tree/default?source=default/examples");
        page.resize(600, 1000);
        page.awaitTrue("the tree as lists in a narrow window", "return document.querySelectorAll("
                + "'ul.tree a.node.healthy[data-key^=\"Pod/web-\"]').length === 2 && !document.querySelector('.graph')", LIVE);
        page.screenshot("tree-narrow");
        page.resize(1280, 1000);
        page.awaitTrue("the tree as a graph in a wide window", "return document.querySelectorAll("
                + "'.graph a.node.healthy[data-key^=\"Pod/web-\"]').length === 2", LIVE);

        movesThroughTheGraphByKeyboard(page);
    }

    /** → from the Deployment's card reaches its ReplicaSet, then a pod; ↓ the next pod; ← back; Enter opens a pod. */
    private static void movesThroughTheGraphByKeyboard(PageDriver page) {
        page.script("document.querySelector('.graph a.gcard[data-key=\"Deployment/web\"]').focus()");
        page.press(RIGHT);
        assertThat(focused(page)).startsWith("ReplicaSet/web-");
        page.press(RIGHT);
        String pod = focused(page);
        assertThat(pod).startsWith("Pod/web-");
        page.press(DOWN);
        assertThat(focused(page)).startsWith("Pod/web-").isNotEqualTo(pod);
        page.press(LEFT);
        assertThat(focused(page)).startsWith("ReplicaSet/web-");
        page.press(LEFT);
        assertThat(focused(page)).isEqualTo("Deployment/web");
        page.press(RIGHT);
        page.press(RIGHT);
        page.press(ENTER);
        page.awaitText("h1", "Pod default/" + pod.substring("Pod/".length()), LIVE);
    }

    private static String focused(PageDriver page) {
        return page.script("return document.activeElement.getAttribute('data-key') || document.activeElement.tagName").asText();
    }

    /** Commits the bundled web Deployment with the second image to the example repository the GitSource follows. */
    private static String pushNewImage() throws Exception {
        Path repo = dir.resolve("up").resolve("examples");
        Path web = repo.resolve("web.yaml");
        Files.writeString(web, Files.readString(web).replace("orc/web:1", "orc/web:2"));
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern("web.yaml").call();
            PersonIdent author = new PersonIdent("Dana", "dana@example.com");
            return git.commit().setMessage("web: image 2").setAuthor(author).setCommitter(author).call().getName();
        }
    }
}
