package io.replicatedstore.datanode.util;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** Log lines in Redis's format: "pid:M 21 Nov 2026 16:30:00.123 * message". */
public final class LogFormat extends Formatter {

    private static final long PID = ProcessHandle.current().pid();

    /** Redis marks a replica's log lines with S instead of M. */
    private static volatile boolean replica;

    public static void replica(boolean value) {
        replica = value;
    }

    @Override
    public String format(LogRecord record) {
        SimpleDateFormat time = new SimpleDateFormat("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);
        int level = record.getLevel().intValue();
        char mark = level >= Level.WARNING.intValue() ? '#' : level >= Level.INFO.intValue() ? '*'
                : level >= Level.FINE.intValue() ? '-' : '.';
        StringBuilder line = new StringBuilder()
                .append(PID).append(':').append(replica ? 'S' : 'M').append(' ').append(time.format(new Date(record.getMillis())))
                .append(' ').append(mark).append(' ').append(formatMessage(record)).append('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
