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

        page.awaitText("main", "default/examples", LIVE);
        assertThat(page.url()).doesNotContain("login=");
        assertThat(page.text("#who")).contains("admin");
        assertThat(page.script("return document.cookie").asText()).isEmpty();
        assertThat(page.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)").asText())
                .isEqualTo("{}{}");
        page.awaitText("main", "Synced", LIVE);
        page.screenshot("gitsources");
    }

    private static void showsTheTreeOfRunningPods(PageDriver page) {
        page.open(base + "#/tree/default?source=default/examples");

        page.awaitTrue("two healthy web pods", "return document.querySelectorAll("
                + "'a.node.healthy[data-key^=\"Pod/web-\"]').length === 2", LIVE);
        assertThat(page.text("main")).contains("Running", "web-config");
        page.screenshot("tree");
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
