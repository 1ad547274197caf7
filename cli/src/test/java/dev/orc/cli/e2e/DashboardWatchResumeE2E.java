package dev.orc.cli.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.client.ApiClient;
import dev.orc.api.client.ClientConfig;
import dev.orc.api.client.WriteOptions;
import dev.orc.api.json.Json;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.reconciler.apiserver.ApiServer;
import dev.orc.reconciler.apiserver.ApiServerConfig;
import dev.orc.reconciler.apiserver.auth.CertificateAuthority;
import dev.orc.reconciler.apiserver.auth.TlsIdentity;
import dev.orc.reconciler.apiserver.auth.TokenAuthenticator;
import dev.orc.reconciler.apiserver.watch.WatchSettings;
import dev.orc.reconciler.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 21's live collections across dropped connections, in headless Chromium against a real API server in this
 * process (TLS, so the page's requests share one HTTP/2 connection, as they do in use), reached through a relay that
 * drops every connection at once, as Chromium does on {@code ERR_NETWORK_CHANGED}. The page follows the events: a
 * dropped watch is resumed from the last resourceVersion the page saw, and brings what changed meanwhile, without a
 * list request (counted in the server's metrics); a version the server no longer has (past its watch window and
 * compacted away in the store: 410 Gone) makes the page list once and follow on from that list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardWatchResumeE2E {
    private static final String TOKEN = "resume-admin-token";
    /** The events of one type the server's watch window keeps: small, for a test to write past it. */
    private static final int WINDOW = 5;
    private static final Duration LIVE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static SqliteStore store;
    private static ApiServer server;
    private static ApiClient client;
    private static HttpClient metrics;
    private static FaultyRelay relay;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void up() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("orc-resume-ca", Instant.now());
        CertificateAuthority.Issued serving = ca.issueServing("orc-resume", List.of("127.0.0.1"), Instant.now());
        Path caFile = Files.writeString(dir.resolve("ca.pem"), CertificateAuthority.pem(ca.certificate()));
        store = SqliteStore.open(dir.resolve("data"));
        server = ApiServer.start(ApiServerConfig.of("127.0.0.1", 0, store)
                .withWatch(new WatchSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(10), 1000,
                        WINDOW, WatchSettings.DEFAULT_WINDOW_BYTES))
                .withAuthenticator(new TokenAuthenticator(Map.of(TOKEN, "admin")))
                .withTls(new TlsIdentity(serving.keys().getPrivate(), List.of(serving.certificate(), ca.certificate()))));
        client = ApiClient.connect(new ClientConfig(server.url(), TOKEN, caFile, "default"));
        metrics = HttpClient.newBuilder().sslContext(trusting(ca)).build();
        relay = FaultyRelay.to(server.url());
        browser = Browser.start(Path.of("target", "dashboard-screenshots", "resume").toAbsolutePath(),
                Path.of("target", "e2e-logs", "DashboardWatchResumeE2E-chromedriver.log").toAbsolutePath());
        base = relay.in(server.url()) + "/ui/";
        browser.open(base);
        browser.type("#token", TOKEN);
        browser.click(".login button[type=submit]");
        browser.awaitText("#who", "admin", LIVE);
        event("first", "written before the page opened");
        browser.open(base + "#/events");
        browser.awaitText("main", "written before the page opened", LIVE);
    }

    @AfterAll
    static void down() {
        if (browser != null) {
            browser.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    @Order(1)
    void aDroppedWatchIsResumedFromTheLastVersionSeenWithoutAList() {
        long lists = eventLists();
        relay.refuse(true);
        assertThat(relay.drop()).as("connections the page held").isPositive();
        event("missed", "written while the page was cut off");

        relay.refuse(false);

        browser.awaitText("main", "written while the page was cut off", LIVE);
        assertThat(eventLists()).as("lists of events the server answered").isEqualTo(lists);
        browser.screenshot("resumed");
        assertThat(browser.javaScriptErrors()).isEmpty();
    }

    @Test
    @Order(2)
    void aVersionTheServerNoLongerHasMakesThePageListOnce() {
        long lists = eventLists();
        relay.refuse(true);
        assertThat(relay.drop()).as("connections the page held").isPositive();
        for (int i = 1; i <= WINDOW + 1; i++) {
            event("past-window-" + i, "change " + i + " past the watch window");
        }
        store.compact(store.currentRevision());

        relay.refuse(false);

        browser.awaitText("main", "change " + (WINDOW + 1) + " past the watch window", LIVE);
        await().atMost(LIVE).untilAsserted(() -> assertThat(eventLists()).isEqualTo(lists + 1));
        event("after", "written after the page listed again");
        browser.awaitText("main", "written after the page listed again", LIVE);
        assertThat(eventLists()).as("lists of events the server answered").isEqualTo(lists + 1);
        assertThat(browser.javaScriptErrors()).isEmpty();
    }

    /**
     * A request whose connections are closed as they open, as Chromium's are while this machine's addresses change, is
     * sent again after a pause: the page logs in at the third connection instead of showing "Failed to fetch".
     */
    @Test
    @Order(3)
    void aRequestWhoseConnectionsCloseAsTheyOpenIsSentAgain() {
        browser.click("#who button");
        browser.awaitTrue("the login form", "return !!document.querySelector('section.login')", LIVE);
        relay.drop();
        int refused = relay.refused();
        relay.refuseNext(2);

        browser.type("#token", TOKEN);
        browser.click(".login button[type=submit]");

        browser.awaitText("#who", "admin", LIVE);
        assertThat(relay.refused() - refused).as("connections closed as they opened").isEqualTo(2);
        assertThat(browser.javaScriptErrors()).isEmpty();
    }

    /**
     * A page whose modules fail to load (here one is blocked; in use a dropped connection or Chromium's
     * ERR_NETWORK_CHANGED does it) loads itself again, once; when that fails too it says so and offers a reload, which
     * brings the page back once the server is reachable.
     */
    @Test
    @Order(4)
    void aPageWhoseScriptsFailToLoadLoadsItselfAgainThenOffersAReload() {
        browser.blockUrls(List.of("*/ui/assets/api.js"));
        try {
            browser.navigate("about:blank");
            browser.navigate(base + "#/events");

            browser.awaitText("main", "did not load", LIVE);
            assertThat(browser.script("return performance.getEntriesByType('navigation')[0].type").asText())
                    .isEqualTo("reload");
        } finally {
            browser.blockUrls(List.of());
        }
        browser.click("[data-key=reload]");
        browser.awaitText("main", "written after the page listed again", LIVE);
        browser.screenshot("reloaded");
    }

    /** Records an event in {@code default} with {@code message}, as a controller would. */
    private static void event(String name, String message) {
        ObjectNode event = (ObjectNode) Json.parse("""
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"%s","namespace":"default"},
                 "involvedObject":{"kind":"ConfigMap","namespace":"default","name":"settings"},
                 "reason":"Testing","message":"%s","type":"Normal","count":1,
                 "firstTimestamp":"%3$s","lastTimestamp":"%3$s","source":{"component":"resume-test"}}
                """.formatted(name, message, Instant.now().toString()));
        client.create(ResourceTypes.EVENT, "default", event, WriteOptions.defaults());
    }

    /** How many lists of events the server has answered, from its metrics. */
    private static long eventLists() {
        try {
            String text = metrics.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
            return text.lines()
                    .filter(l -> l.startsWith("orc_apiserver_requests_total{") && l.contains("verb=\"list\"")
                            && l.contains("resource=\"events\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the server's metrics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the server's metrics", e);
        }
    }

    private static SSLContext trusting(CertificateAuthority ca) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return ssl;
    }
}
