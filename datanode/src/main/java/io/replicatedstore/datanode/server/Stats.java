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
