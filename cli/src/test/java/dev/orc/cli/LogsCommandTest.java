package dev.orc.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogsCommandTest {
    @Test
    void usageErrorsNameTheArgument() {
        CommandRun unknownKind = CommandRun.of("logs", "--server", "http://127.0.0.1:1", "frobs/x");
        assertThat(unknownKind.exitCode()).isEqualTo(2);
        assertThat(unknownKind.err()).contains("unknown resource type \"frobs\" in frobs/x");
        CommandRun service = CommandRun.of("logs", "--server", "http://127.0.0.1:1", "svc/web");
        assertThat(service.exitCode()).isEqualTo(2);
        assertThat(service.err()).contains("cannot show logs of a service");
        CommandRun tail = CommandRun.of("logs", "--server", "http://127.0.0.1:1", "--tail", "-5", "web-1");
        assertThat(tail.exitCode()).isEqualTo(2);
        assertThat(tail.err()).contains("--tail must be -1 (all) or a number of lines, got -5");
    }
}
