package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {

    private static final List<String> DEFAULT_SECTIONS = List.of("Server", "Clients", "Memory", "Persistence", "Stats",
            "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");

    private TestNode node;

    @BeforeEach
    void start() {
        node = TestNode.start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** INFO text as section title -> (field -> value), checking the CRLF layout on the way. */
    private static Map<String, Map<String, String>> parse(Object reply) {
        String text = reply instanceof RespClient.Verbatim v ? v.text() : (String) reply;
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return sections;
        }
        assertThat(text).startsWith("# ").endsWith("\r\n").doesNotContain("\r\n\r\n\r\n");
        for (String block : text.split("\r\n\r\n")) {
            String[] lines = block.split("\r\n");
            assertThat(lines[0]).startsWith("# ");
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                assertThat(colon).as("line %s", lines[i]).isPositive();
                fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 1));
            }
            sections.put(lines[0].substring(2), fields);
        }
        return sections;
    }

    @Test
    void infoWithoutArgumentsHasRedisDefaultSectionsInOrder() {
        try (RespClient c = node.client()) {
            Map<String, Map<String, String>> info = parse(c.call("INFO"));
            assertThat(new ArrayList<>(info.keySet())).isEqualTo(DEFAULT_SECTIONS);
            assertThat(parse(c.call("INFO", "default")).keySet()).containsExactlyElementsOf(DEFAULT_SECTIONS);
        }
    }

    @Test
    void serverSectionHasRedisFieldNames() {
        try (RespClient c = node.client()) {
            Map<String, String> server = parse(c.call("INFO", "server")).get("Server");
            assertThat(server).containsKeys("redis_version", "redis_mode", "os", "arch_bits", "process_id", "run_id",
                    "tcp_port", "server_time_usec", "uptime_in_seconds", "uptime_in_days", "hz", "configured_hz",
                    "executable", "config_file", "io_threads_active");
            assertThat(server.get("redis_version")).isEqualTo("7.0.15");
            assertThat(server.get("redis_mode")).isEqualTo("standalone");
            assertThat(server.get("run_id")).matches("[0-9a-f]{40}");
            assertThat(server.get("tcp_port")).isEqualTo(Integer.toString(node.port()));
            assertThat(server.get("process_id")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(server.get("hz")).isEqualTo("10");
            assertThat(server.get("config_file")).isEmpty();
            assertThat(server.get("io_threads_active")).isEqualTo("0");
            long usec = Long.parseLong(server.get("server_time_usec"));
            assertThat(Math.abs(usec / 1000 - System.currentTimeMillis())).isLessThan(5000);
        }
    }

    @Test
    void clientsMemoryPersistenceAndReplicationSectionsHaveRedisFieldNames() {
        try (RespClient c = node.client(); RespClient other = node.client()) {
            other.call("PING");
            Map<String, Map<String, String>> info = parse(c.call("INFO", "clients", "memory", "persistence", "replication"));
            assertThat(info.keySet()).containsExactly("Clients", "Memory", "Persistence", "Replication");
            Map<String, String> clients = info.get("Clients");
            assertThat(clients).containsEntry("connected_clients", "2").containsEntry("maxclients", "10000")
                    .containsEntry("blocked_clients", "0").containsEntry("tracking_clients", "0")
                    .containsEntry("clients_in_timeout_table", "0");
            Map<String, String> memory = info.get("Memory");
            assertThat(memory).containsKeys("used_memory", "used_memory_human", "used_memory_rss", "used_memory_peak",
                    "maxmemory", "maxmemory_policy", "mem_fragmentation_ratio");
            assertThat(Long.parseLong(memory.get("used_memory"))).isPositive();
            assertThat(memory.get("used_memory_human")).matches("\\d+(\\.\\d\\d[KMGTP])?B?");
            assertThat(memory.get("mem_fragmentation_ratio")).matches("\\d+\\.\\d\\d");
            assertThat(memory).containsEntry("maxmemory", "0").containsEntry("maxmemory_policy", "noeviction");
            Map<String, String> persistence = info.get("Persistence");
            assertThat(persistence).containsEntry("loading", "0").containsEntry("rdb_bgsave_in_progress", "0")
                    .containsEntry("rdb_last_bgsave_status", "ok").containsEntry("aof_enabled", "0")
                    .containsEntry("aof_rewrite_in_progress", "0").containsKey("rdb_last_save_time");
            Map<String, String> replication = info.get("Replication");
            assertThat(replication).containsEntry("role", "master").containsEntry("connected_slaves", "0")
                    .containsEntry("master_failover_state", "no-failover")
                    .containsEntry("master_replid2", "0".repeat(40)).containsEntry("master_repl_offset", "0")
                    .containsEntry("second_repl_offset", "-1").containsEntry("repl_backlog_active", "0")
                    .containsEntry("repl_backlog_size", "1048576")
                    .containsEntry("repl_backlog_first_byte_offset", "0").containsEntry("repl_backlog_histlen", "0");
            assertThat(replication.get("master_replid")).matches("[0-9a-f]{40}");
        }
    }

    @Test
    void statsCountCommandsConnectionsErrorsAndChanges() {
        try (RespClient c = node.client()) {
            c.call("SET", "k", "v");
            c.call("GET", "nope-a-b-c", "extra");
            Map<String, Map<String, String>> info = parse(c.call("INFO", "stats", "persistence"));
            Map<String, String> stats = info.get("Stats");
            assertThat(stats).containsKeys("total_connections_received", "total_commands_processed",
                    "instantaneous_ops_per_sec", "total_net_input_bytes", "total_net_output_bytes", "rejected_connections",
                    "expired_keys", "keyspace_hits", "keyspace_misses", "pubsub_channels", "pubsub_patterns",
                    "total_error_replies", "sync_full", "sync_partial_ok", "sync_partial_err");
            assertThat(stats).containsEntry("total_error_replies", "1").containsEntry("sync_full", "0");
            assertThat(Long.parseLong(stats.get("total_commands_processed"))).isGreaterThanOrEqualTo(1);
            assertThat(Long.parseLong(stats.get("total_net_input_bytes"))).isPositive();
            assertThat(info.get("Persistence")).containsEntry("rdb_changes_since_last_save", "1");
        }
    }

    @Test
    void commandstatsAndErrorstatsCountCallsFailuresAndRejections() {
        try (RespClient c = node.client()) {
            c.call("SET", "k", "v");
            c.call("SET", "k", "v", "NX", "XX");
            c.call("GET");
            c.call("CONFIG", "GET", "maxclients");
            c.call("NOSUCHCOMMAND");
            Map<String, Map<String, String>> info = parse(c.call("INFO", "commandstats", "errorstats"));
            Map<String, String> commands = info.get("Commandstats");
            assertThat(commands.get("cmdstat_set"))
                    .matches("calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=1");
            assertThat(commands.get("cmdstat_get")).matches("calls=0,usec=0,usec_per_call=0\\.00,rejected_calls=1,failed_calls=0");
            assertThat(commands.get("cmdstat_config|get")).startsWith("calls=1,");
            assertThat(commands).doesNotContainKey("cmdstat_config");
            assertThat(info.get("Errorstats")).containsEntry("errorstat_ERR", "count=3");
        }
    }

    @Test
    void keyspaceListsNonEmptyDatabasesWithKeysAndExpires() {
        try (RespClient c = node.client()) {
            assertThat(parse(c.call("INFO", "keyspace")).get("Keyspace")).isEmpty();
            c.call("SET", "a", "1");
            c.call("SET", "b", "1", "EX", "100");
            c.call("SELECT", "5");
            c.call("SET", "c", "1");
            Map<String, String> keyspace = parse(c.call("INFO", "keyspace")).get("Keyspace");
            assertThat(keyspace).containsExactly(Map.entry("db0", "keys=2,expires=1,avg_ttl=0"),
                    Map.entry("db5", "keys=1,expires=0,avg_ttl=0"));
        }
    }

    @Test
    void allAndEverythingAddCommandstatsAndSectionNamesIgnoreCase() {
        try (RespClient c = node.client()) {
            assertThat(parse(c.call("INFO", "all")).keySet()).containsExactly("Server", "Clients", "Memory", "Persistence",
                    "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Cluster", "Keyspace");
            assertThat(parse(c.call("INFO", "everything")).keySet()).contains("Commandstats");
            assertThat(parse(c.call("INFO", "SERVER", "Keyspace")).keySet()).containsExactly("Server", "Keyspace");
            assertThat(parse(c.call("INFO", "keyspace", "server")).keySet()).containsExactly("Server", "Keyspace");
            assertThat(parse(c.call("INFO", "default", "commandstats")).keySet()).contains("Commandstats", "Keyspace");
            Map<String, String> cpu = parse(c.call("INFO", "cpu")).get("CPU");
            assertThat(cpu.get("used_cpu_sys")).matches("\\d+\\.\\d{6}");
            assertThat(cpu.get("used_cpu_user")).matches("\\d+\\.\\d{6}");
            assertThat(parse(c.call("INFO", "cluster")).get("Cluster")).containsExactly(Map.entry("cluster_enabled", "0"));
        }
    }

    @Test
    void unknownSectionsGiveAnEmptyReplyAndResp3GetsVerbatimText() {
        try (RespClient c = node.client()) {
            assertThat(c.call("INFO", "nosuchsection")).isEqualTo("");
            c.call("HELLO", "3");
            Object reply = c.call("INFO", "server");
            assertThat(reply).isInstanceOf(RespClient.Verbatim.class);
            assertThat(((RespClient.Verbatim) reply).format()).isEqualTo("txt");
            assertThat(parse(reply)).containsKey("Server");
        }
    }

    @Test
    void configResetstatZeroesStatsCommandstatsAndErrorstats() {
        try (RespClient c = node.client()) {
            c.call("SET", "k", "v");
            c.call("GET");
            assertThat(c.call("CONFIG", "RESETSTAT")).isEqualTo("OK");
            Map<String, Map<String, String>> info = parse(c.call("INFO", "stats", "commandstats", "errorstats"));
            assertThat(info.get("Stats")).containsEntry("total_error_replies", "0").containsEntry("total_connections_received", "0");
            assertThat(info.get("Commandstats")).containsOnlyKeys("cmdstat_config|resetstat");
            assertThat(info.get("Errorstats")).isEmpty();
        }
    }
}
