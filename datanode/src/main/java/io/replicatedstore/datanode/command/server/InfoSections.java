package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Memory;
import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.server.Stats;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.Keyspace;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text of INFO, section by section, in Redis 7.0's order and with its field names. Fields
 * about machinery the node does not have (forks, jemalloc, defragmentation, I/O threads...) are
 * left out rather than invented; counters of features it lacks (evictions, tracking) are 0.
 */
final class InfoSections {

    /** What INFO with no argument, or "default", shows. */
    static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "module_list", "errorstats", "cluster", "keyspace");

    private long rss;
    private long rssSampledAt;
    private static volatile long totalSystemMemory = -1;

    /** The INFO text for the requested (lower-case) sections; {@code all} for every section. */
    String generate(CommandContext ctx, Set<String> sections, boolean all) {
        Server server = ctx.server();
        StringBuilder info = new StringBuilder(4096);
        add(info, all || sections.contains("server"), () -> server(server));
        add(info, all || sections.contains("clients"), () -> clients(server));
        add(info, all || sections.contains("memory"), () -> memory(ctx));
        add(info, all || sections.contains("persistence"), () -> PersistenceInfo.section(ctx));
        add(info, all || sections.contains("stats"), () -> stats(ctx));
        add(info, all || sections.contains("replication"), () -> ReplicationInfo.section(ctx));
        add(info, all || sections.contains("cpu"), InfoSections::cpu);
        add(info, all || sections.contains("module_list") || sections.contains("modules"),
                () -> new InfoWriter("Modules").text());
        add(info, all || sections.contains("commandstats"), () -> commandStats(ctx));
        add(info, all || sections.contains("errorstats"), () -> errorStats(server));
        add(info, all || sections.contains("cluster"),
                () -> new InfoWriter("Cluster").field("cluster_enabled", 0).text());
        add(info, all || sections.contains("keyspace"), () -> keyspace(server));
        return info.toString();
    }

    private static void add(StringBuilder info, boolean wanted, java.util.function.Supplier<String> section) {
        if (!wanted) {
            return;
        }
        if (info.length() > 0) {
            info.append("\r\n");
        }
        info.append(section.get());
    }

    private static String server(Server server) {
        long micros = server.clock().micros();
        long nowMs = micros / 1000;
        long uptime = (nowMs - server.startMs()) / 1000;
        return new InfoWriter("Server")
                .field("redis_version", Server.VERSION)
                .field("redis_git_sha1", "00000000")
                .field("redis_git_dirty", 0)
                .field("redis_build_id", "0")
                .field("redis_mode", "standalone")
                .field("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + machine())
                .field("arch_bits", archBits())
                .field("process_id", ProcessHandle.current().pid())
                .field("process_supervised", "no")
                .field("run_id", server.runId())
                .field("tcp_port", server.config().port.get())
                .field("server_time_usec", micros)
                .field("uptime_in_seconds", uptime)
                .field("uptime_in_days", uptime / (3600 * 24))
                .field("hz", server.config().effectiveHz())
                .field("configured_hz", server.config().hz.get())
                .field("lru_clock", nowMs / 1000 & ((1 << 24) - 1))
                .field("executable", executable())
                .field("config_file", server.config().configFile() == null ? "" : server.config().configFile())
                .field("io_threads_active", 0)
                .text();
    }

    private static String clients(Server server) {
        int blocked = 0;
        int withTimeout = 0;
        for (Client client : server.clients()) {
            if (client.blocked() != null) {
                blocked++;
                if (client.blocked().deadlineMs() > 0) {
                    withTimeout++;
                }
            }
        }
        return new InfoWriter("Clients")
                .field("connected_clients", server.clientCount())
                .field("cluster_connections", 0)
                .field("maxclients", server.config().maxclients.get())
                .field("client_recent_max_input_buffer", server.clientLimits().recentMaxInputBuffer())
                .field("client_recent_max_output_buffer", server.clientLimits().recentMaxOutputBuffer())
                .field("blocked_clients", blocked)
                .field("tracking_clients", 0)
                .field("clients_in_timeout_table", withTimeout)
                .text();
    }

    private String memory(CommandContext ctx) {
        Server server = ctx.server();
        // used_memory is the node's own accounting (docs/memory.md): the dataset's estimated heap
        // bytes plus the clients' buffers, the figure maxmemory is enforced against.
        Memory memory = server.memory();
        long used = memory.usedMemory();
        long dataset = memory.datasetMemory();
        long overhead = used - dataset;
        long peak = memory.peak();
        long rss = residentSetSize(server.clock().nanos());
        long system = totalSystemMemory();
        long maxmemory = server.config().maxmemory.get();
        return new InfoWriter("Memory")
                .field("used_memory", used)
                .field("used_memory_human", InfoWriter.human(used))
                .field("used_memory_rss", rss)
                .field("used_memory_rss_human", InfoWriter.human(rss))
                .field("used_memory_peak", peak)
                .field("used_memory_peak_human", InfoWriter.human(peak))
                .field("used_memory_peak_perc", String.format(Locale.ROOT, "%.2f%%", peak == 0 ? 0 : 100.0 * used / peak))
                .field("used_memory_overhead", overhead)
                .field("used_memory_startup", 0)
                .field("used_memory_dataset", dataset)
                .field("used_memory_dataset_perc", String.format(Locale.ROOT, "%.2f%%", used == 0 ? 0 : 100.0 * dataset / used))
                .field("total_system_memory", system)
                .field("total_system_memory_human", InfoWriter.human(system))
                .field("maxmemory", maxmemory)
                .field("maxmemory_human", InfoWriter.human(maxmemory))
                .field("maxmemory_policy", server.config().maxmemoryPolicy.get())
                .fixed2("mem_fragmentation_ratio", used == 0 ? 0 : (double) rss / used)
                .field("mem_fragmentation_bytes", rss - used)
                .field("mem_not_counted_for_evict", 0)
                .field("mem_replication_backlog", ReplicationInfo.backlogMemory(ctx.replication()))
                .field("mem_clients_slaves", server.clientLimits().memoryOf(true))
                .field("mem_clients_normal", server.clientLimits().memoryOf(false))
                .field("mem_aof_buffer", 0)
                .field("mem_allocator", "jvm")
                .field("lazyfree_pending_objects", 0)
                .field("lazyfreed_objects", 0)
                .text();
    }

    private static String stats(CommandContext ctx) {
        Server server = ctx.server();
        Stats stats = server.stats();
        InfoWriter out = new InfoWriter("Stats")
                .field("total_connections_received", stats.totalConnectionsReceived)
                .field("total_commands_processed", stats.totalCommandsProcessed)
                .field("instantaneous_ops_per_sec", stats.instantaneousOpsPerSec())
                .field("total_net_input_bytes", stats.netInputBytes)
                .field("total_net_output_bytes", stats.netOutputBytes)
                .field("total_net_repl_input_bytes", 0)
                .field("total_net_repl_output_bytes", 0)
                .field("rejected_connections", stats.rejectedConnections);
        ReplicationInfo.syncStats(out, ctx.replication());
        return out.field("expired_keys", server.keyspace().expiredKeys())
                .field("evicted_keys", server.memory().evictedKeys())
                .field("evicted_clients", server.clientLimits().evictedClients())
                .field("total_eviction_exceeded_time", server.memory().totalEvictionExceededMillis())
                .field("current_eviction_exceeded_time", server.memory().currentEvictionExceededMillis())
                .field("keyspace_hits", stats.keyspaceHits)
                .field("keyspace_misses", stats.keyspaceMisses)
                .field("pubsub_channels", server.pubsub().channelCount())
                .field("pubsub_patterns", server.pubsub().patternCount())
                .field("pubsubshard_channels", 0)
                .field("latest_fork_usec", 0)
                .field("total_forks", 0)
                .field("migrate_cached_sockets", 0)
                .field("slave_expires_tracked_keys", 0)
                .field("tracking_total_keys", 0)
                .field("tracking_total_items", 0)
                .field("tracking_total_prefixes", 0)
                .field("unexpected_error_replies", stats.unexpectedErrorReplies)
                .field("total_error_replies", stats.totalErrorReplies)
                .field("dump_payload_sanitizations", 0)
                .text();
    }

    /**
     * CPU seconds of the process (from /proc/self/stat where available) and of the keyspace
     * thread, which runs INFO itself (Redis's main thread).
     */
    private static String cpu() {
        long[] ticks = procStatTimes();
        long userMicros;
        long sysMicros;
        long childUserMicros = 0;
        long childSysMicros = 0;
        if (ticks != null) {
            // Linux reports these in clock ticks of 1/100 s (USER_HZ).
            userMicros = ticks[0] * 10_000;
            sysMicros = ticks[1] * 10_000;
            childUserMicros = ticks[2] * 10_000;
            childSysMicros = ticks[3] * 10_000;
        } else {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            long cpuNanos = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
            userMicros = Math.max(0, cpuNanos) / 1000;
            sysMicros = 0;
        }
        InfoWriter out = new InfoWriter("CPU")
                .field("used_cpu_sys", seconds(sysMicros))
                .field("used_cpu_user", seconds(userMicros))
                .field("used_cpu_sys_children", seconds(childSysMicros))
                .field("used_cpu_user_children", seconds(childUserMicros));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads.isCurrentThreadCpuTimeSupported()) {
            long total = threads.getCurrentThreadCpuTime() / 1000;
            long user = threads.getCurrentThreadUserTime() / 1000;
            out.field("used_cpu_sys_main_thread", seconds(Math.max(0, total - user)))
                    .field("used_cpu_user_main_thread", seconds(user));
        }
        return out.text();
    }

    private static String commandStats(CommandContext ctx) {
        StringBuilder out = new StringBuilder(new InfoWriter("Commandstats").text());
        appendCommandStats(out, ctx.commands().all());
        return out.toString();
    }

    private static void appendCommandStats(StringBuilder out, Collection<CommandSpec> specs) {
        for (CommandSpec spec : specs) {
            if (spec.calls != 0 || spec.failedCalls != 0 || spec.rejectedCalls != 0) {
                float perCall = spec.calls == 0 ? 0 : (float) spec.microseconds / spec.calls;
                out.append("cmdstat_").append(InfoWriter.safe(spec.fullName()))
                        .append(":calls=").append(spec.calls)
                        .append(",usec=").append(spec.microseconds)
                        .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", perCall))
                        .append(",rejected_calls=").append(spec.rejectedCalls)
                        .append(",failed_calls=").append(spec.failedCalls)
                        .append("\r\n");
            }
            if (!spec.subcommands().isEmpty()) {
                appendCommandStats(out, spec.subcommands().values());
            }
        }
    }

    private static String errorStats(Server server) {
        StringBuilder out = new StringBuilder(new InfoWriter("Errorstats").text());
        for (Map.Entry<String, Long> error : server.stats().errorCodes.entrySet()) {
            out.append("errorstat_").append(InfoWriter.safe(error.getKey()))
                    .append(":count=").append(error.getValue()).append("\r\n");
        }
        return out.toString();
    }

    private static String keyspace(Server server) {
        StringBuilder out = new StringBuilder(new InfoWriter("Keyspace").text());
        Keyspace keyspace = server.keyspace();
        for (int i = 0; i < keyspace.count(); i++) {
            Database db = keyspace.db(i);
            int keys = db.size();
            int expires = db.expiresSize();
            if (keys > 0 || expires > 0) {
                // avg_ttl is an estimate Redis's expiry cycle keeps; not tracked here.
                out.append("db").append(i).append(":keys=").append(keys)
                        .append(",expires=").append(expires).append(",avg_ttl=0\r\n");
            }
        }
        return out.toString();
    }

    // Process facts

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private static String machine() {
        String arch = System.getProperty("os.arch", "");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    private static int archBits() {
        String model = System.getProperty("sun.arch.data.model");
        if (model != null && model.matches("\\d+")) {
            return Integer.parseInt(model);
        }
        return System.getProperty("os.arch", "").contains("64") ? 64 : 32;
    }

    private static String executable() {
        try {
            Path code = Path.of(InfoSections.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (code.toString().endsWith(".jar")) {
                return code.toAbsolutePath().toString();
            }
        } catch (Exception e) {
            // fall back to the JVM's launcher
        }
        return ProcessHandle.current().info().command().orElse("");
    }

    /**
     * VmRSS from /proc/self/status in bytes; the committed heap where /proc is not available.
     * Sampled at most every 100 ms (reading it costs about half a millisecond), as Redis samples
     * it in its cron.
     */
    private long residentSetSize(long now) {
        if (rssSampledAt == 0 || now - rssSampledAt > 100_000_000L) {
            rss = readResidentSetSize();
            rssSampledAt = now;
        }
        return rss;
    }

    private static long readResidentSetSize() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().totalMemory();
    }

    /** Read once, as Redis reads it at start (asking the JVM costs over a millisecond). */
    private static long totalSystemMemory() {
        long total = totalSystemMemory;
        if (total < 0) {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            total = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
            totalSystemMemory = total;
        }
        return total;
    }

    /** utime, stime, cutime, cstime in clock ticks from /proc/self/stat, or null. */
    private static long[] procStatTimes() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]), Long.parseLong(fields[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
