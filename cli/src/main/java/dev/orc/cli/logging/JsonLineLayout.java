package dev.orc.cli.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.json.Json;

/**
 * One JSON object per line: {@code time} (RFC 3339, UTC), {@code level}, {@code logger} (the full name),
 * {@code thread}, {@code message}, and {@code exception} (its stack trace as one string) when there is one.
 */
final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        ObjectNode line = Json.object().put("time", event.getInstant().toString())
                .put("level", event.getLevel().toString()).put("logger", event.getLoggerName())
                .put("thread", event.getThreadName()).put("message", event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            line.put("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return Json.write(line) + CoreConstants.LINE_SEPARATOR;
    }
}
