package dev.orc.cli.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orc.api.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogSettingsTest {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void context() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @Test
    void jsonIsOneObjectPerLineWithTimeLevelLoggerMessageAndTheException() {
        new LogSettings(Level.INFO, LogSettings.Format.JSON).apply(context, out);

        context.getLogger("dev.orc.node.NodeAgent").warn("heartbeat of node {} failed", "n1",
                new IllegalStateException("connection reset"));
        context.getLogger("dev.orc.node.NodeAgent").info("second\nline");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = Json.parse(lines.getFirst().getBytes(StandardCharsets.UTF_8));
        assertThat(first.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(first.path("level").asText()).isEqualTo("WARN");
        assertThat(first.path("logger").asText()).isEqualTo("dev.orc.node.NodeAgent");
        assertThat(first.path("message").asText()).isEqualTo("heartbeat of node n1 failed");
        assertThat(first.path("exception").asText()).startsWith("java.lang.IllegalStateException: connection reset")
                .contains("\tat dev.orc.cli.logging.LogSettingsTest");
        assertThat(Json.parse(lines.get(1).getBytes(StandardCharsets.UTF_8)).path("message").asText()).isEqualTo("second\nline");
    }

    @Test
    void textIsTodaysLineAndTheLevelAppliesToOrcButLibrariesOnlyWarn() {
        new LogSettings(Level.DEBUG, LogSettings.Format.TEXT).apply(context, out);

        context.getLogger("dev.orc.reconciler.Scheduler").debug("bound {}", "web-1");
        context.getLogger("org.eclipse.jetty.server.Server").info("Started");
        context.getLogger("org.eclipse.jetty.server.Server").warn("low on threads");

        assertThat(lines()).satisfiesExactly(
                line -> assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) DEBUG Scheduler - bound web-1"),
                line -> assertThat(line).endsWith(" WARN Server - low on threads"));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
