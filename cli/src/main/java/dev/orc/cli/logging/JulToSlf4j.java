package dev.orc.cli.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * Sends what libraries log through {@code java.util.logging} (gRPC under jetcd) to orc's log, so that their lines
 * take orc's format and levels ({@link LogSettings}: a library only when it warns) instead of the JDK's two-line
 * console format on standard error. Installed where such a library first loads; installing it again changes nothing.
 */
public final class JulToSlf4j extends Handler {
    private final SimpleFormatter messages = new SimpleFormatter();
    private final ILoggerFactory loggers;

    JulToSlf4j(ILoggerFactory loggers) {
        this.loggers = loggers;
    }

    /** Replaces the handlers of the JDK's root logger with this one. */
    public static synchronized void install() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof JulToSlf4j) {
                return;
            }
        }
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulToSlf4j(LoggerFactory.getILoggerFactory()));
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
        Logger logger = loggers.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        int level = record.getLevel().intValue();
        String message = messages.formatMessage(record);
        Throwable thrown = record.getThrown();
        if (level >= Level.SEVERE.intValue()) {
            logger.error(message, thrown);
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn(message, thrown);
        } else if (level >= Level.INFO.intValue()) {
            logger.info(message, thrown);
        } else if (level >= Level.FINE.intValue()) {
            logger.debug(message, thrown);
        } else {
            logger.trace(message, thrown);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
