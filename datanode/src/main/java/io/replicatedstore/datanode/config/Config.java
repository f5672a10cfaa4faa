package io.replicatedstore.datanode.config;

import io.replicatedstore.datanode.config.SpecialOptions.MasterAddress;
import io.replicatedstore.datanode.config.SpecialOptions.SaveRule;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.LinkedHashSet;

/**
 * The data node's configuration, with redis.conf's directive names, defaults and limits. Directives
 * the node acts on, and Redis 7.0 directives about internals the JVM node lacks (kept and shown,
 * listed in docs/config.md); an unknown one is an error at start, as in Redis.
 */
public final class Config {

    private final Map<String, ConfigOption<?>> byName = new LinkedHashMap<>();
    private final List<ConfigOption<?>> options = new ArrayList<>();
    /** The file the configuration was read from, for CONFIG REWRITE; null when none. */
    private String configFile;

    // Network and clients
    public final Options.Number port = number("port", false, 6379, 0, 65535);
    public final ConfigOption<List<String>> bind = add(new SpecialOptions.Bind());
    public final Options.Number tcpBacklog = number("tcp-backlog", false, 511, 0, Integer.MAX_VALUE);
    public final Options.Number timeout = number("timeout", true, 0, 0, Integer.MAX_VALUE);
    public final Options.Number tcpKeepalive = number("tcp-keepalive", true, 300, 0, Integer.MAX_VALUE);
    public final Options.Number maxclients = number("maxclients", true, 10000, 1, Integer.MAX_VALUE);
    public final Options.Bool protectedMode = bool("protected-mode", true, true);
    public final Options.Number protoMaxBulkLen = memory("proto-max-bulk-len", true, 512L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE);
    /** One thread does all I/O and execution (the design's decision 1); other values are refused. */
    public final Options.Number ioThreads = number("io-threads", false, 1, 1, 1);
    public final Options.Text requirepass = text("requirepass", true, "");
    /**
     * Redis 7.0's protected actions, fixed at start: "no" (the default), "yes", or "local" (from
     * loopback connections only). Protected configs (dir, dbfilename) can then be changed by
     * CONFIG SET; DEBUG may run. MODULE does not exist here: the option is accepted for redis.conf files.
     */
    public final Options.Choice enableProtectedConfigs = protectedAction("enable-protected-configs");
    public final Options.Choice enableDebugCommand = protectedAction("enable-debug-command");
    public final Options.Choice enableModuleCommand = protectedAction("enable-module-command");
    public final ConfigOption<OutputBufferLimits> clientOutputBufferLimit = add(new OutputBufferLimits.Option());
    public final Options.Number clientQueryBufferLimit = memory("client-query-buffer-limit", true, 1024L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE);
    /** Client eviction: total client memory above this closes the largest clients first; 0 disables. */
    public final MemoryOrPercent maxmemoryClients = add(new MemoryOrPercent("maxmemory-clients", true, 0, 100));

    // General
    public final Options.Number databases = number("databases", false, 16, 1, Integer.MAX_VALUE);
    /** Values over 500 are accepted and run as 500, as in Redis. */
    public final Options.Number hz = number("hz", true, 10, 1, Integer.MAX_VALUE);
    public final Options.Choice loglevel = choice("loglevel", true, "notice", "debug", "verbose", "notice", "warning", "nothing");
    public final Options.Text logfile = text("logfile", false, "");
    public final Options.Text pidfile = text("pidfile", false, "");
    public final Options.Bool daemonize = bool("daemonize", false, false);
    public final Options.Number slowlogLogSlowerThan = number("slowlog-log-slower-than", true, 10000, -1, Long.MAX_VALUE);
    public final Options.Number slowlogMaxLen = number("slowlog-max-len", true, 128, 0, Long.MAX_VALUE);
    /** Milliseconds a script runs before other clients get -BUSY (and SCRIPT KILL can stop it). */
    public final Options.Number busyReplyThreshold = number("busy-reply-threshold", true, 5000, 0, Long.MAX_VALUE);
    /** 0: no limit but the JVM's ceiling (docs/memory.md). */
    public final Options.Number maxmemory = memory("maxmemory", true, 0, 0, Long.MAX_VALUE);
    public final Options.Choice maxmemoryPolicy = choice("maxmemory-policy", true, "noeviction",
            "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
            "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction");
    public final Options.Number maxmemorySamples = number("maxmemory-samples", true, 5, 1, Integer.MAX_VALUE);
    public final Options.Number maxmemoryEvictionTenacity = number("maxmemory-eviction-tenacity", true, 10, 0, 100);
    public final Options.Number lfuLogFactor = number("lfu-log-factor", true, 10, 0, Integer.MAX_VALUE);
    public final Options.Number lfuDecayTime = number("lfu-decay-time", true, 1, 0, Integer.MAX_VALUE);
    /** Evicted keys go to replicas and the AOF as UNLINK rather than DEL (freeing is immediate here either way). */
    public final Options.Bool lazyfreeLazyEviction = bool("lazyfree-lazy-eviction", true, false);
    public final Options.Bool replicaIgnoreMaxmemory = bool("replica-ignore-maxmemory", true, true);

    // Encodings reported by OBJECT ENCODING
    public final Options.Number hashMaxListpackEntries = number("hash-max-listpack-entries", true, 512, 0, Long.MAX_VALUE);
    public final Options.Number hashMaxListpackValue = memory("hash-max-listpack-value", true, 64, 0, Long.MAX_VALUE);
    public final Options.Number listMaxListpackSize = number("list-max-listpack-size", true, -2, Integer.MIN_VALUE, Integer.MAX_VALUE);
    public final Options.Number setMaxIntsetEntries = number("set-max-intset-entries", true, 512, 0, Long.MAX_VALUE);
    public final Options.Number zsetMaxListpackEntries = number("zset-max-listpack-entries", true, 128, 0, Long.MAX_VALUE);
    public final Options.Number zsetMaxListpackValue = memory("zset-max-listpack-value", true, 64, 0, Long.MAX_VALUE);
    /** Largest sparse HyperLogLog, in bytes, before it turns dense. */
    public final Options.Number hllSparseMaxBytes = memory("hll-sparse-max-bytes", true, 3000, 0, Long.MAX_VALUE);
    /** Entries and listpack bytes per stream node: the shape approximate trimming (~) works on. */
    public final Options.Number streamNodeMaxBytes = memory("stream-node-max-bytes", true, 4096, 0, Long.MAX_VALUE);
    public final Options.Number streamNodeMaxEntries = number("stream-node-max-entries", true, 100, 0, Long.MAX_VALUE);

    // Persistence
    public final Options.Text dir = text("dir", true, ".");
    public final Options.BaseName dbfilename = add(new Options.BaseName("dbfilename", true, "dump.rdb", "filename", true));
    public final ConfigOption<List<SaveRule>> save = add(new SpecialOptions.Save());
    public final Options.Bool rdbcompression = bool("rdbcompression", true, true);
    public final Options.Bool rdbchecksum = bool("rdbchecksum", false, true);
    public final Options.Bool appendonly = bool("appendonly", true, false);
    public final Options.Choice appendfsync = choice("appendfsync", true, "everysec", "always", "everysec", "no");
    public final Options.BaseName appendfilename = add(new Options.BaseName("appendfilename", false, "appendonly.aof", "filename", false));
    public final Options.BaseName appenddirname = add(new Options.BaseName("appenddirname", false, "appendonlydir", "dirname", false));
    public final Options.Bool aofLoadTruncated = bool("aof-load-truncated", true, true);
    public final Options.Number autoAofRewritePercentage = number("auto-aof-rewrite-percentage", true, 100, 0, Integer.MAX_VALUE);
    public final Options.Number autoAofRewriteMinSize = memory("auto-aof-rewrite-min-size", true, 64L * 1024 * 1024, 0, Long.MAX_VALUE);

    // Replication
    public final ConfigOption<MasterAddress> replicaof = add(new SpecialOptions.ReplicaOf());
    public final Options.Text masterauth = text("masterauth", true, "");
    public final Options.Text masteruser = text("masteruser", true, "");
    public final Options.Number replBacklogSize = memory("repl-backlog-size", true, 1024 * 1024, 1, Long.MAX_VALUE);
    public final Options.Number replBacklogTtl = number("repl-backlog-ttl", true, 3600, 0, Integer.MAX_VALUE);
    public final Options.Number replTimeout = number("repl-timeout", true, 60, 1, Integer.MAX_VALUE);
    public final Options.Number replPingReplicaPeriod = number("repl-ping-replica-period", true, 10, 1, Integer.MAX_VALUE);
    public final Options.Bool replDisklessSync = bool("repl-diskless-sync", true, true);
    public final Options.Number replDisklessSyncDelay = number("repl-diskless-sync-delay", true, 5, 0, Integer.MAX_VALUE);
    public final Options.Number replDisklessSyncMaxReplicas = number("repl-diskless-sync-max-replicas", true, 0, 0, Integer.MAX_VALUE);
    /**
     * A replica always writes the RDB it receives to disk and serves its old dataset until the new
     * one is whole; on-empty-db also parses the RDB while it arrives when there is no dataset.
     * The default is on-empty-db, not Redis's disabled: both keep those guarantees here, and
     * parsing while receiving synced diskless sooner in bench/replication.sh.
     */
    public final Options.Choice replDisklessLoad = choice("repl-diskless-load", true, "on-empty-db", "disabled", "on-empty-db");
    public final Options.Bool replicaLazyFlush = bool("replica-lazy-flush", true, false);
    public final Options.Bool replDisableTcpNodelay = bool("repl-disable-tcp-nodelay", true, false);
    public final Options.Number minReplicasToWrite = number("min-replicas-to-write", true, 0, 0, Integer.MAX_VALUE);
    public final Options.Number minReplicasMaxLag = number("min-replicas-max-lag", true, 10, 0, Integer.MAX_VALUE);
    public final Options.Bool replicaReadOnly = bool("replica-read-only", true, true);
    public final Options.Bool replicaServeStaleData = bool("replica-serve-stale-data", true, true);
    public final Options.Number replicaPriority = number("replica-priority", true, 100, 0, Integer.MAX_VALUE);
    public final Options.Bool replicaAnnounced = bool("replica-announced", true, true);
    public final Options.Text replicaAnnounceIp = text("replica-announce-ip", true, "");
    public final Options.Number replicaAnnouncePort = number("replica-announce-port", true, 0, 0, 65535);

    // Redis 7.0 directives the node keeps (CONFIG GET returns them) without acting on them:
    // they tune internals the JVM node does not have. docs/config.md says why for each.
    public final Options.Number listCompressDepth = number("list-compress-depth", true, 0, 0, Integer.MAX_VALUE);
    public final Options.Bool activedefrag = bool("activedefrag", true, false);
    public final Options.Number activeDefragIgnoreBytes = memory("active-defrag-ignore-bytes", true, 100L << 20, 1, Long.MAX_VALUE);
    public final Options.Number activeDefragThresholdLower = number("active-defrag-threshold-lower", true, 10, 0, 1000);
    public final Options.Number activeDefragThresholdUpper = number("active-defrag-threshold-upper", true, 100, 0, 1000);
    public final Options.Number activeDefragCycleMin = number("active-defrag-cycle-min", true, 1, 1, 99);
    public final Options.Number activeDefragCycleMax = number("active-defrag-cycle-max", true, 25, 1, 99);
    public final Options.Number activeDefragMaxScanFields = number("active-defrag-max-scan-fields", true, 1000, 1, Long.MAX_VALUE);
    public final Options.Bool jemallocBgThread = bool("jemalloc-bg-thread", true, true);
    public final Options.Bool activerehashing = bool("activerehashing", true, true);
    public final Options.Number activeExpireEffort = number("active-expire-effort", true, 1, 1, 10);
    public final Options.Bool dynamicHz = bool("dynamic-hz", true, true);
    public final Options.Bool lazyfreeLazyExpire = bool("lazyfree-lazy-expire", true, false);
    public final Options.Bool lazyfreeLazyServerDel = bool("lazyfree-lazy-server-del", true, false);
    public final Options.Bool lazyfreeLazyUserDel = bool("lazyfree-lazy-user-del", true, false);
    public final Options.Bool lazyfreeLazyUserFlush = bool("lazyfree-lazy-user-flush", true, false);
    public final Options.Bool aofUseRdbPreamble = bool("aof-use-rdb-preamble", true, true);
    public final Options.Bool aofRewriteIncrementalFsync = bool("aof-rewrite-incremental-fsync", true, true);
    public final Options.Bool aofTimestampEnabled = bool("aof-timestamp-enabled", true, false);
    public final Options.Bool aofDisableAutoGc = bool("aof-disable-auto-gc", true, false);
    public final Options.Bool noAppendfsyncOnRewrite = bool("no-appendfsync-on-rewrite", true, false);
    public final Options.Bool rdbSaveIncrementalFsync = bool("rdb-save-incremental-fsync", true, true);
    public final Options.Bool rdbDelSyncFiles = bool("rdb-del-sync-files", true, false);
    public final Options.Bool stopWritesOnBgsaveError = bool("stop-writes-on-bgsave-error", true, true);
    public final Options.Bool replicaIgnoreDiskWriteErrors = bool("replica-ignore-disk-write-errors", true, false);
    public final Options.Choice sanitizeDumpPayload = choice("sanitize-dump-payload", true, "no", "no", "yes", "clients");
    public final Options.Choice propagationErrorBehavior = choice("propagation-error-behavior", true, "ignore",
            "ignore", "panic", "panic-on-replicas");
    public final Options.Number latencyMonitorThreshold = number("latency-monitor-threshold", true, 0, 0, Long.MAX_VALUE);
    public final Options.Bool latencyTracking = bool("latency-tracking", true, true);
    public final KeptOptions.Percentiles latencyTrackingInfoPercentiles = add(new KeptOptions.Percentiles());
    public final KeptOptions.NotifyKeyspaceEvents notifyKeyspaceEvents = add(new KeptOptions.NotifyKeyspaceEvents());
    public final Options.Number trackingTableMaxKeys = number("tracking-table-max-keys", true, 1_000_000, 0, Long.MAX_VALUE);
    public final Options.Choice aclPubsubDefault = choice("acl-pubsub-default", true, "resetchannels", "allchannels", "resetchannels");
    public final Options.Number acllogMaxLen = number("acllog-max-len", true, 128, 0, Long.MAX_VALUE);
    public final Options.Text aclfile = text("aclfile", false, "");
    /** "relative" is Redis's other name for "yes" (CONFIG GET shows "yes"). */
    public final Options.Choice oomScoreAdj = add(new Options.Choice("oom-score-adj", true, "no",
            new LinkedHashSet<>(List.of("no", "yes", "relative", "absolute")), Map.of("relative", "yes")));
    public final KeptOptions.OomScoreAdjValues oomScoreAdjValues = add(new KeptOptions.OomScoreAdjValues());
    public final KeptOptions.ShutdownOnSignal shutdownOnSigint = add(new KeptOptions.ShutdownOnSignal("shutdown-on-sigint"));
    public final KeptOptions.ShutdownOnSignal shutdownOnSigterm = add(new KeptOptions.ShutdownOnSignal("shutdown-on-sigterm"));
    public final Options.Number shutdownTimeout = number("shutdown-timeout", true, 10, 0, Integer.MAX_VALUE);
    public final Options.Text bindSourceAddr = text("bind-source-addr", true, "");
    public final Options.Text ignoreWarnings = text("ignore-warnings", true, "");
    public final Options.Bool crashLogEnabled = bool("crash-log-enabled", true, true);
    public final Options.Bool crashMemcheckEnabled = bool("crash-memcheck-enabled", true, true);
    public final Options.Bool alwaysShowLogo = bool("always-show-logo", false, false);
    public final Options.Bool setProcTitle = bool("set-proc-title", false, true);
    public final Options.Text procTitleTemplate = text("proc-title-template", true, "{title} {listen-addr} {server-mode}");
    public final Options.Bool disableThp = bool("disable-thp", false, true);
    public final Options.Choice supervised = choice("supervised", false, "no", "upstart", "systemd", "auto", "no");
    public final Options.Bool syslogEnabled = bool("syslog-enabled", false, false);
    public final Options.Text syslogIdent = text("syslog-ident", false, "redis");
    public final Options.Choice syslogFacility = choice("syslog-facility", false, "local0",
            "user", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7");
    public final Options.Bool ioThreadsDoReads = bool("io-threads-do-reads", false, false);
    // Hidden in Redis (CONFIG GET * leaves them out; an exact name finds them): test hooks.
    public final Options.Number rdbKeySaveDelay = number("rdb-key-save-delay", true, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    public final Options.Number keyLoadDelay = number("key-load-delay", true, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    private final java.util.Set<ConfigOption<?>> hidden = java.util.Set.of(rdbKeySaveDelay, keyLoadDelay);

    public Config() {
        alias(replicaof, "slaveof");
        alias(busyReplyThreshold, "lua-time-limit");
        alias(replicaReadOnly, "slave-read-only");
        alias(replicaServeStaleData, "slave-serve-stale-data");
        alias(replicaPriority, "slave-priority");
        alias(replicaIgnoreMaxmemory, "slave-ignore-maxmemory");
        alias(replicaAnnounceIp, "slave-announce-ip");
        alias(replicaAnnouncePort, "slave-announce-port");
        alias(minReplicasToWrite, "min-slaves-to-write");
        alias(minReplicasMaxLag, "min-slaves-max-lag");
        alias(replPingReplicaPeriod, "repl-ping-slave-period");
        alias(hashMaxListpackEntries, "hash-max-ziplist-entries");
        alias(hashMaxListpackValue, "hash-max-ziplist-value");
        alias(listMaxListpackSize, "list-max-ziplist-size");
        alias(zsetMaxListpackEntries, "zset-max-ziplist-entries");
        alias(zsetMaxListpackValue, "zset-max-ziplist-value");
        alias(replicaLazyFlush, "slave-lazy-flush");
    }

    /** The cron frequency in use: hz capped at 500, as Redis caps it. */
    public int effectiveHz() {
        return (int) Math.min(500, hz.get());
    }

    /** Redis's PROTECTED_CONFIG: where the node writes its files, which CONFIG SET may change only when allowed. */
    public boolean isProtected(ConfigOption<?> option) {
        return option == dir || option == dbfilename;
    }

    /** Redis's allowProtectedAction: whether a protected action setting lets this connection act. */
    public static boolean allows(Options.Choice setting, boolean localConnection) {
        return switch (setting.get()) {
            case "yes" -> true;
            case "local" -> localConnection;
            default -> false;
        };
    }

    public String configFile() {
        return configFile;
    }

    public void configFile(String path) {
        this.configFile = path;
    }

    public ConfigOption<?> option(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<ConfigOption<?>> options() {
        return options;
    }

    /**
     * CONFIG GET: every option (by name or alias) matching the glob, with its value, aliases
     * first; hidden ones only by exact name.
     */
    public Map<String, String> matching(String pattern) {
        Map<String, String> result = new LinkedHashMap<>();
        byte[] glob = pattern.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        for (boolean aliases : new boolean[] {true, false}) {
            for (Map.Entry<String, ConfigOption<?>> entry : byName.entrySet()) {
                ConfigOption<?> option = entry.getValue();
                if (hidden.contains(option) || entry.getKey().equals(option.name()) == aliases) {
                    continue;
                }
                if (GlobMatcher.matches(glob, entry.getKey().getBytes(StandardCharsets.UTF_8), true)) {
                    result.put(entry.getKey(), option.formatted());
                }
            }
        }
        return result;
    }

    private <T, O extends ConfigOption<T>> O add(O option) {
        options.add(option);
        byName.put(option.name(), option);
        return option;
    }

    private void alias(ConfigOption<?> option, String alias) {
        option.alias(alias);
        byName.put(alias, option);
    }

    private Options.Number number(String name, boolean mutable, long def, long min, long max) {
        return add(new Options.Number(name, mutable, def, min, max, false));
    }

    private Options.Number memory(String name, boolean mutable, long def, long min, long max) {
        return add(new Options.Number(name, mutable, def, min, max, true));
    }

    private Options.Bool bool(String name, boolean mutable, boolean def) {
        return add(new Options.Bool(name, mutable, def));
    }

    private Options.Text text(String name, boolean mutable, String def) {
        return add(new Options.Text(name, mutable, def));
    }

    private Options.Choice protectedAction(String name) {
        return choice(name, false, "no", "no", "yes", "local");
    }

    private Options.Choice choice(String name, boolean mutable, String def, String... choices) {
        return add(new Options.Choice(name, mutable, def, new LinkedHashSet<>(List.of(choices))));
    }

}
