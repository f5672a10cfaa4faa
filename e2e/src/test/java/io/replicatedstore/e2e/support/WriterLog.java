package io.replicatedstore.e2e.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A writer's record: acknowledged writes and errors, with the times they happened (epoch microseconds). */
public record WriterLog(List<Entry> entries) {

    public record Entry(boolean ack, long n, long micros, String reason) {
    }

    static WriterLog parse(String log) {
        List<Entry> entries = new ArrayList<>();
        for (String line : log.split("\n")) {
            String[] f = line.split(" ", 4);
            if (f.length >= 3 && (f[0].equals("A") || f[0].equals("E"))) {
                try {
                    entries.add(new Entry(f[0].equals("A"), Long.parseLong(f[1]), Long.parseLong(f[2]), f.length > 3 ? f[3] : ""));
                } catch (NumberFormatException e) {
                    // a line cut short by the pod's end
                }
            }
        }
        return new WriterLog(entries);
    }

    public List<Entry> acks() {
        return entries.stream().filter(Entry::ack).toList();
    }

    public List<Entry> errors() {
        return entries.stream().filter(e -> !e.ack()).toList();
    }

    /** Values whose write was acknowledged. */
    public Set<String> ackedValues() {
        Set<String> values = new LinkedHashSet<>();
        acks().forEach(a -> values.add(Long.toString(a.n())));
        return values;
    }

    /** Acknowledged values missing from what the store holds now. */
    public List<String> lost(Collection<String> stored) {
        Set<String> have = Set.copyOf(stored);
        return ackedValues().stream().filter(v -> !have.contains(v)).toList();
    }

    /**
     * Seconds from {@code fromMicros} (the kill) to the first acknowledged write after the
     * writer first noticed the failure (an error after the kill): writes the dying master still
     * acknowledged do not count as the service being back. NaN when no error followed the kill
     * (0 would claim a failover without interruption) or no write succeeded since.
     */
    public double secondsToFirstWriteAfter(long fromMicros) {
        Entry firstError = entries.stream().filter(e -> !e.ack() && e.micros() >= fromMicros).findFirst().orElse(null);
        if (firstError == null) {
            return Double.NaN;
        }
        return entries.stream().filter(e -> e.ack() && e.micros() > firstError.micros()).findFirst()
                .map(e -> (e.micros() - fromMicros) / 1e6).orElse(Double.NaN);
    }

    /** Errors between fromMicros and the first acknowledgement after them, summarised (the reasons the writer saw). */
    public String errorSummary(long fromMicros) {
        return errors().stream().filter(e -> e.micros() >= fromMicros).map(Entry::reason).distinct().limit(5).toList().toString();
    }
}
