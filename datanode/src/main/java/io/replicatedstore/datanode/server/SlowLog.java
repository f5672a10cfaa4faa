package io.replicatedstore.datanode.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** SLOWLOG: the most recent commands that took longer than slowlog-log-slower-than. */
public final class SlowLog {

    /** Redis keeps at most 32 arguments and 128 bytes of each. */
    private static final int MAX_ARGS = 32;
    private static final int MAX_ARG_LENGTH = 128;

    public record Entry(long id, long timestampSeconds, long durationMicros, List<byte[]> args,
                        String clientAddress, String clientName) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    public void record(byte[][] argv, long durationMicros, long nowMs, Client client, long maxLen) {
        List<byte[]> args = new ArrayList<>();
        int shown = Math.min(argv.length, MAX_ARGS);
        for (int i = 0; i < shown; i++) {
            if (i == MAX_ARGS - 1 && argv.length > MAX_ARGS) {
                args.add(("... (" + (argv.length - MAX_ARGS + 1) + " more arguments)").getBytes(StandardCharsets.UTF_8));
                break;
            }
            byte[] arg = argv[i];
            if (arg.length > MAX_ARG_LENGTH) {
                byte[] cut = new byte[MAX_ARG_LENGTH];
                System.arraycopy(arg, 0, cut, 0, MAX_ARG_LENGTH);
                String more = "... (" + (arg.length - MAX_ARG_LENGTH) + " more bytes)";
                byte[] shownArg = new byte[MAX_ARG_LENGTH + more.length()];
                System.arraycopy(cut, 0, shownArg, 0, MAX_ARG_LENGTH);
                System.arraycopy(more.getBytes(StandardCharsets.UTF_8), 0, shownArg, MAX_ARG_LENGTH, more.length());
                args.add(shownArg);
            } else {
                args.add(arg);
            }
        }
        entries.addFirst(new Entry(nextId++, nowMs / 1000, durationMicros, args,
                client == null ? "" : client.address(), client == null ? "" : client.name()));
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    /** The newest {@code count} entries, newest first. */
    public List<Entry> newest(long count) {
        List<Entry> result = new ArrayList<>();
        for (Entry entry : entries) {
            if (result.size() >= count) {
                break;
            }
            result.add(entry);
        }
        return result;
    }

    public int size() {
        return entries.size();
    }

    public void reset() {
        entries.clear();
    }
}
