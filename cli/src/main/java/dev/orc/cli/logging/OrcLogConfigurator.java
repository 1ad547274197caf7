package dev.orc.cli.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration, found through {@code META-INF/services} before logback looks for any XML file (so a
 * client verb pays for no parsing): {@link LogSettings} from the system properties, on standard error.
 */
public final class OrcLogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogSettings.fromSystemProperties().apply(context, System.err);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
