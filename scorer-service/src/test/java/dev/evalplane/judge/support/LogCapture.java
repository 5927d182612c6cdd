package dev.evalplane.judge.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything the service logs while it is open (message with its parameters, and the stack trace), with the given
 * categories lowered to DEBUG; restores their levels on close.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final List<Map.Entry<Logger, Level>> previous = new ArrayList<>();

    public static LogCapture start(String... debugCategories) {
        LogCapture capture = new LogCapture();
        for (String category : debugCategories) {
            Logger logger = Logger.getLogger(category);
            capture.previous.add(Map.entry(logger, logger.getLevel() == null ? Level.INFO : logger.getLevel()));
            logger.setLevel(Level.FINE);
        }
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " " + message(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    private static String message(LogRecord record) {
        String text = String.valueOf(record.getMessage());
        Object[] params = record.getParameters();
        if (params == null || params.length == 0) {
            return text;
        }
        try {
            return text.contains("%") ? String.format(text, params) : java.text.MessageFormat.format(text, params);
        } catch (RuntimeException e) {
            return text + " " + java.util.Arrays.toString(params);
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        previous.forEach(e -> e.getKey().setLevel(e.getValue()));
    }
}
