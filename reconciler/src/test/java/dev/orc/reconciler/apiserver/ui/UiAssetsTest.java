package dev.orc.reconciler.apiserver.ui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UiAssetsTest {
    private static final String BOOT = "boot.js";
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"/ui/assets/([^\"]+)\">");

    @Test
    void thePageAsksForEveryModuleAtOnceAndForNoModuleItDoesNotHave() throws Exception {
        String page = new String(UiAssets.read("index.html").orElseThrow(), StandardCharsets.UTF_8);
        Set<String> preloaded = PRELOAD.matcher(page).results().map(m -> m.group(1)).collect(Collectors.toSet());

        assertThat(preloaded).isEqualTo(modules());
        assertThat(page).contains("<script src=\"/ui/assets/" + BOOT + "\"></script>");
        assertThat(preloaded).allSatisfy(name -> assertThat(UiAssets.read(name)).isPresent());
    }

    /**
     * The page's modules as the build put them on the class path: every .js file under the dashboard's root but the
     * classic script that reloads the page when its modules fail to load.
     */
    private static Set<String> modules() throws URISyntaxException, IOException {
        Path root = Path.of(UiAssets.class.getResource(UiAssets.ROOT).toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".js") && !file.endsWith(BOOT))
                    .map(file -> root.relativize(file).toString().replace('\\', '/')).collect(Collectors.toSet());
        }
    }
}
