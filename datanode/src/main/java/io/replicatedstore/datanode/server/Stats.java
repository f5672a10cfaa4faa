package io.replicatedstore.datanode.server;

/** Counters INFO stats reports, under Redis's field names. */
public final class Stats {

    public long totalConnectionsReceived;
    public long totalCommandsProcessed;
    public long rejectedConnections;
    public long netInputBytes;
    public long netOutputBytes;
    public long keyspaceHits;
    public long keyspaceMisses;
    public long totalErrorReplies;
    public long unexpectedErrorReplies;
    /** INFO errorstats: error replies by their code (the first word, e.g. ERR, WRONGTYPE), sorted. */
    public final java.util.Map<String, Long> errorCodes = new java.util.TreeMap<>();

    /** Counts an error reply (total_error_replies and its code for errorstats), as Redis's afterErrorReply. */
    public void countError(String message) {
        totalErrorReplies++;
        String text = message.startsWith("-") ? message.substring(1) : message;
        int space = text.indexOf(' ');
        String code = space < 0 ? text : text.substring(0, space);
        // Redis stops tracking new codes after 128 distinct ones.
        if (errorCodes.containsKey(code) || errorCodes.size() < 128) {
            errorCodes.merge(code, 1L, Long::sum);
        }
    }

    /** CONFIG RESETSTAT's reset of errorstats. */
    public void resetErrorStats() {
        errorCodes.clear();
    }

    // instantaneous_ops_per_sec: commands counted over the last sampled intervals.
    private static final int SAMPLES = 16;
    private final long[] opsSamples = new long[SAMPLES];
    private int sampleIndex;
    private long lastSampleCommands;
    private long lastSampleMs;

    /** Takes a sample (every 100 ms from the cron), as Redis's trackInstantaneousMetric. */
    void sample(long nowMs) {
        if (lastSampleMs != 0 && nowMs > lastSampleMs) {
            long ops = (totalCommandsProcessed - lastSampleCommands) * 1000 / (nowMs - lastSampleMs);
            opsSamples[sampleIndex] = ops;
            sampleIndex = (sampleIndex + 1) % SAMPLES;
        }
        lastSampleMs = nowMs;
        lastSampleCommands = totalCommandsProcessed;
    }

    public long instantaneousOpsPerSec() {
        long sum = 0;
        for (long sample : opsSamples) {
            sum += sample;
        }
        return sum / SAMPLES;
    }

    public void reset() {
        totalConnectionsReceived = 0;
        totalCommandsProcessed = 0;
        rejectedConnections = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        totalErrorReplies = 0;
        unexpectedErrorReplies = 0;
    }
}
