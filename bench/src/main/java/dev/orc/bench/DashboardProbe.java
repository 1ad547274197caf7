package dev.orc.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/** Opens the dashboard's tree of a namespace in one browser and times what the page shows, from the page's own clock. */
final class DashboardProbe {
    /**
     * Waits, one animation frame at a time, until the tree shows every pod; answers the load's figures. A pod is shown
     * when its link is in the page, {@code a.node} with {@code data-key="Pod/NAME"}: a card in the graph or the list,
     * or a dot of a graph's group of many pods; each holds the pod's state in its {@code .detail}, which
     * {@link #WATCH_FOR} reads.
     */
    private static final String AWAIT_TREE = """
            const done = arguments[arguments.length - 1];
            const want = %d;
            let first = 0;
            const check = () => {
              if (location.protocol === 'chrome-error:') { done(null); return; }
              const shown = document.querySelectorAll('a.node[data-key^="Pod/"]').length;
              if (shown > 0 && !first) first = performance.now();
              if (shown < want) { requestAnimationFrame(check); return; }
              const all = performance.now();
              const resources = performance.getEntriesByType('resource');
              const lists = resources.filter(e => e.name.includes('/api') && !e.name.includes('watch='));
              const files = resources.filter(e => e.name.includes('/ui/assets/'));
              const end = entries => Math.max(0, ...entries.map(e => e.responseEnd));
              const waits = lists.map(e => e.responseStart - e.requestStart);
              done({ first, all, modules: end(files), lists: end(lists), requests: resources.length,
                protocol: lists.length ? lists[0].nextHopProtocol : '',
                listsAsked: lists.length ? Math.min(...lists.map(e => e.startTime)) : 0, serverWait: Math.max(0, ...waits) });
            };
            check();""";
    /** Notes the time of the first frame in which the pod's node shows the marker. */
    private static final String WATCH_FOR = """
            const [key, marker] = ['%s', '%s'];
            window.orcBenchSeen = 0;
            const view = document.getElementById('view');
            const shows = () => { const detail = view.querySelector(`a.node[data-key="${key}"] .detail`);
              return detail && detail.textContent.includes(marker); };
            const observer = new MutationObserver(() => {
              if (!shows()) return;
              observer.disconnect();
              requestAnimationFrame(() => { window.orcBenchSeen = performance.timeOrigin + performance.now(); });
            });
            observer.observe(view, { subtree: true, childList: true, characterData: true });
            return true;""";
    private static final String AWAIT_SEEN = """
            const done = arguments[arguments.length - 1];
            const check = () => window.orcBenchSeen ? done(window.orcBenchSeen) : setTimeout(check, 10);
            check();""";

    private static final int LOGIN_ATTEMPTS = 10;
    private static final int LOAD_ATTEMPTS = 3;
    private static final Duration LOGIN_PAUSE = Duration.ofSeconds(1);
    private static final int LONGEST_PAUSE = 5;

    private final HeadlessChromium browser;
    private final String server;
    private final String namespace;
    private final int pods;

    DashboardProbe(HeadlessChromium browser, String server, String namespace, int pods) {
        this.browser = browser;
        this.server = server;
        this.namespace = namespace;
        this.pods = pods;
    }

    /**
     * Logs in with one-time links from {@code links}, trying again with a new one when the page shows its login form
     * instead (Chromium drops its requests when this machine's addresses change, as other containers come and go).
     */
    void logIn(Supplier<String> links) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            browser.open(server + links.get());
            boolean in = browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    const check = () => (document.querySelector('#who') || {}).textContent ? done(true)
                      : document.querySelector('.login') || location.protocol === 'chrome-error:' ? done(false)
                      : setTimeout(check, 20);
                    check();""").asBoolean();
            if (in) {
                return;
            }
            if (attempt == LOGIN_ATTEMPTS) {
                throw new IllegalStateException("the dashboard did not log in with " + LOGIN_ATTEMPTS + " links; the page: "
                        + browser.pageState());
            }
            Thread.sleep(LOGIN_PAUSE.multipliedBy(Math.min(attempt, LONGEST_PAUSE)).toMillis());
        }
    }

    /**
     * Loads the tree from a blank page: the page's modules, its lists, and the drawing of every pod; again when
     * Chromium abandons the navigation on a change of this machine's addresses (its error page), at most
     * {@value #LOAD_ATTEMPTS} times.
     */
    PageLoad load() {
        for (int attempt = 1; ; attempt++) {
            browser.open("about:blank");
            long start = System.nanoTime();
            browser.open(server + "/ui/#/tree/" + namespace);
            JsonNode shown = browser.asyncScript(AWAIT_TREE.formatted(pods));
            double wall = (System.nanoTime() - start) / 1e9;
            if (!shown.isNull()) {
                return loaded(shown, wall);
            }
            if (attempt == LOAD_ATTEMPTS) {
                throw new IllegalStateException("the tree did not load in " + LOAD_ATTEMPTS + " navigations; the page: "
                        + browser.pageState());
            }
        }
    }

    private static PageLoad loaded(JsonNode shown, double wall) {
        return new PageLoad(shown.path("first").asDouble() / 1000, shown.path("all").asDouble() / 1000,
                shown.path("modules").asDouble() / 1000, shown.path("listsAsked").asDouble() / 1000,
                shown.path("serverWait").asDouble() / 1000, shown.path("lists").asDouble() / 1000,
                shown.path("requests").asInt(), shown.path("protocol").asText(), wall);
    }

    /**
     * Writes {@code marker} into the status of the fleet's first pod, on the tree loaded by {@link #load()}; answers
     * the seconds from just before the write was sent to the first frame showing it.
     */
    double statusChange(DashboardFleet fleet, String marker) {
        String pod = fleet.podNames().getFirst();
        browser.script(WATCH_FOR.formatted("Pod/" + pod, marker));
        double sent = System.currentTimeMillis();
        fleet.markWaiting(pod, marker);
        double seen = browser.asyncScript(AWAIT_SEEN).asDouble();
        return (seen - sent) / 1000;
    }

    /**
     * How many of the page's requests have ended since it was opened (its resource timings: files, lists, and watches
     * that ended): an idle page that makes more is re-listing, after a lost connection or a failed watch.
     */
    int requestsEnded() {
        return browser.script("return performance.getEntriesByType('resource').length").asInt();
    }

    /** This machine's load average over 1, 5 and 15 minutes, as /proc/loadavg has it. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
