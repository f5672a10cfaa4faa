package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class ServerCommandsTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start("--enable-debug-command", "yes");

    private static RespClient.Error error(String message) {
        return new RespClient.Error(message);
    }

    // COMMAND

    @Test
    void commandDescribesEveryCommandAndCountMatches() {
        try (RespClient c = node.client()) {
            List<Object> all = (List<Object>) c.call("COMMAND");
            assertThat(c.call("COMMAND", "COUNT")).isEqualTo((long) all.size());
            assertThat(all).allSatisfy(entry -> assertThat((List<Object>) entry).hasSize(10));
            assertThat(all).extracting(entry -> ((List<Object>) entry).get(0)).contains("get", "config", "client", "info");
            assertThat(((List<Object>) c.call("COMMAND", "INFO"))).hasSize(all.size());
        }
    }

    @Test
    void commandInfoHasRedisShapeForCommandsAndSubcommands() {
        try (RespClient c = node.client()) {
            List<Object> info = (List<Object>) c.call("COMMAND", "INFO", "get", "CONFIG|GET", "nosuch", "config");
            assertThat(info).hasSize(4);
            List<Object> get = (List<Object>) info.get(0);
            assertThat(get.subList(0, 8)).isEqualTo(List.of("get", 2L, List.of("readonly", "fast"), 1L, 1L, 1L,
                    List.of("@read", "@string", "@fast"), List.of()));
            List<Object> keySpecs = (List<Object>) get.get(8);
            assertThat(keySpecs).hasSize(1);
            assertThat(keySpecs.get(0)).isEqualTo(List.of("flags", List.of("RO"),
                    "begin_search", List.of("type", "index", "spec", List.of("index", 1L)),
                    "find_keys", List.of("type", "range", "spec", List.of("lastkey", 0L, "keystep", 1L, "limit", 0L))));
            assertThat(get.get(9)).isEqualTo(List.of());
            List<Object> configGet = (List<Object>) info.get(1);
            assertThat(configGet.subList(0, 7)).isEqualTo(List.of("config|get", -3L,
                    List.of("admin", "noscript", "loading", "stale"), 0L, 0L, 0L, List.of("@admin", "@slow", "@dangerous")));
            assertThat(info.get(2)).isNull();
            List<Object> config = (List<Object>) info.get(3);
            assertThat(config.get(1)).isEqualTo(-2L);
            assertThat((List<Object>) config.get(9)).extracting(sub -> ((List<Object>) sub).get(0))
                    .containsExactlyInAnyOrder("config|get", "config|set", "config|resetstat", "config|rewrite", "config|help");
        }
    }

    @Test
    void commandInfoUsesSetsAndMapsInResp3() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            List<Object> get = (List<Object>) ((List<Object>) c.call("COMMAND", "INFO", "get")).get(0);
            assertThat(get.get(2)).isEqualTo(Set.of("readonly", "fast"));
            assertThat(get.get(6)).isEqualTo(Set.of("@read", "@string", "@fast"));
            Set<Object> specs = (Set<Object>) get.get(8);
            assertThat(specs.iterator().next()).isInstanceOf(Map.class);
            assertThat(((List<Object>) ((List<Object>) c.call("COMMAND", "INFO", "nosuch")))).containsExactly((Object) null);
        }
    }

    @Test
    void commandDocsGivesSummarySinceGroupAndSubcommands() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            Map<Object, Object> docs = (Map<Object, Object>) c.call("COMMAND", "DOCS", "get", "nosuch", "slowlog");
            assertThat(docs.keySet()).containsExactly("get", "slowlog");
            assertThat(docs.get("get")).isEqualTo(Map.of("summary", "Returns the string stored at a key", "since", "1.0.0", "group", "string",
                    "arguments", List.of(Map.of("name", "key", "type", "key"))));
            Map<Object, Object> slowlog = (Map<Object, Object>) docs.get("slowlog");
            assertThat(slowlog.get("group")).isEqualTo("server");
            Map<Object, Object> subcommands = (Map<Object, Object>) slowlog.get("subcommands");
            assertThat(subcommands.keySet()).containsExactlyInAnyOrder("slowlog|get", "slowlog|len", "slowlog|reset", "slowlog|help");
            assertThat(((Map<Object, Object>) subcommands.get("slowlog|len")).get("summary")).isEqualTo("Counts the entries in the slow-command log");
            Map<Object, Object> all = (Map<Object, Object>) c.call("COMMAND", "DOCS");
            assertThat(all.values()).allSatisfy(doc -> assertThat((Map<Object, Object>) doc).containsKeys("summary", "since", "group"));
        }
    }

    @Test
    void commandDocsDescribesArgumentsAsRedisDoesForRedisCliHints() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            Map<Object, Object> set = (Map<Object, Object>) ((Map<Object, Object>) c.call("COMMAND", "DOCS", "set")).get("set");
            List<Object> arguments = (List<Object>) set.get("arguments");
            assertThat(arguments).hasSize(5);
            assertThat(arguments.get(0)).isEqualTo(Map.of("name", "key", "type", "key"));
            assertThat(arguments.get(3)).isEqualTo(Map.of("name", "get", "type", "pure-token", "token", "GET",
                    "since", "6.2.0", "flags", Set.of("optional")));
            Map<Object, Object> expiration = (Map<Object, Object>) arguments.get(4);
            assertThat(expiration.get("type")).isEqualTo("oneof");
            assertThat((List<Object>) expiration.get("arguments")).hasSize(5);
            Map<Object, Object> configSet = (Map<Object, Object>) ((Map<Object, Object>) c.call("COMMAND", "DOCS", "config|set"))
                    .get("config|set");
            assertThat(configSet.get("arguments")).isEqualTo(List.of(Map.of("name", "parameter_value", "type", "block",
                    "flags", Set.of("multiple"), "arguments",
                    List.of(Map.of("name", "parameter", "type", "string"), Map.of("name", "value", "type", "string")))));
        }
    }

    @Test
    void everyArgumentDocsLineParses() {
        assertThat(CommandArgumentDocs.of("get")).hasSize(1);
        assertThat(CommandArgumentDocs.of("client|setinfo")).hasSize(1);
        assertThat(CommandArgumentDocs.of("migrate").get(2).arguments().get(1).token()).isEmpty();
        assertThat(CommandArgumentDocs.of("ping").get(0).optional()).isTrue();
        assertThat(CommandArgumentDocs.of("dbsize")).isNull();
    }

    @Test
    void commandListFiltersByPatternCategoryAndModule() {
        try (RespClient c = node.client()) {
            List<Object> all = (List<Object>) c.call("COMMAND", "LIST");
            assertThat(all).contains("get", "config", "config|get", "client|kill");
            assertThat((List<Object>) c.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "config|*"))
                    .containsExactlyInAnyOrder("config|get", "config|set", "config|resetstat", "config|rewrite", "config|help");
            assertThat((List<Object>) c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "string")).contains("get", "set")
                    .doesNotContain("config");
            assertThat(c.call("COMMAND", "LIST", "FILTERBY", "MODULE", "x")).isEqualTo(List.of());
            assertThat(c.call("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch")).isEqualTo(List.of());
            assertThat(c.call("COMMAND", "LIST", "FILTERBY", "NOSUCH", "x")).isEqualTo(error("ERR syntax error"));
            assertThat(c.call("COMMAND", "LIST", "FILTERBY")).isEqualTo(error("ERR syntax error"));
        }
    }

    @Test
    void commandGetkeysFindsKeyArguments() {
        try (RespClient c = node.client()) {
            assertThat(c.call("COMMAND", "GETKEYS", "SET", "k", "v")).isEqualTo(List.of("k"));
            assertThat(c.call("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2")).isEqualTo(List.of("a", "b"));
            assertThat(c.call("COMMAND", "GETKEYS", "memory", "usage", "k")).isEqualTo(List.of("k"));
            assertThat(c.call("COMMAND", "GETKEYSANDFLAGS", "get", "k")).isEqualTo(List.of(List.of("k", List.of("RO"))));
            assertThat(c.call("COMMAND", "GETKEYS", "nosuch", "a")).isEqualTo(error("ERR Invalid command specified"));
            assertThat(c.call("COMMAND", "GETKEYS", "ping", "a")).isEqualTo(error("ERR The command has no key arguments"));
            assertThat(c.call("COMMAND", "GETKEYS", "get", "a", "b"))
                    .isEqualTo(error("ERR Invalid number of arguments specified for command"));
            assertThat(c.call("COMMAND", "GETKEYS", "get"))
                    .isEqualTo(error("ERR wrong number of arguments for 'command|getkeys' command"));
        }
    }

    @Test
    void commandHelpAndErrors() {
        try (RespClient c = node.client()) {
            List<Object> help = (List<Object>) c.call("COMMAND", "HELP");
            assertThat(help.get(0)).isEqualTo("COMMAND <subcommand> [<arg> [value] [opt] ...]. Available subcommands:");
            assertThat(c.call("COMMAND", "COUNT", "x")).isEqualTo(error("ERR wrong number of arguments for 'command|count' command"));
            assertThat(c.call("COMMAND", "NOSUCH")).isEqualTo(error("ERR unknown subcommand 'NOSUCH'. Try COMMAND HELP."));
        }
    }

    // TIME, LASTSAVE, DEBUG

    @Test
    void timeAnswersSecondsAndMicrosecondsAsStrings() {
        try (RespClient c = node.client()) {
            List<Object> time = (List<Object>) c.call("TIME");
            long seconds = Long.parseLong((String) time.get(0));
            long micros = Long.parseLong((String) time.get(1));
            assertThat(Math.abs(seconds - System.currentTimeMillis() / 1000)).isLessThanOrEqualTo(2);
            assertThat(micros).isBetween(0L, 999_999L);
            assertThat(c.call("TIME", "x")).isEqualTo(error("ERR wrong number of arguments for 'time' command"));
        }
    }

    @Test
    void lastsaveIsTheStartTimeUntilTheNodeSaves() {
        try (RespClient c = node.client()) {
            long lastsave = (Long) c.call("LASTSAVE");
            assertThat(lastsave).isEqualTo(node.node().server().startMs() / 1000);
        }
    }

    @Test
    void debugSleepBlocksTheServerForTheGivenSeconds() {
        try (RespClient c = node.client()) {
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo("OK");
            long start = System.nanoTime();
            assertThat(c.call("DEBUG", "sleep", "0.2")).isEqualTo("OK");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(190);
            assertThat(c.call("DEBUG", "SLEEP")).isEqualTo(
                    error("ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP."));
            assertThat(c.call("DEBUG", "NOSUCH")).isEqualTo(
                    error("ERR unknown subcommand or wrong number of arguments for 'NOSUCH'. Try DEBUG HELP."));
            assertThat(((List<Object>) c.call("DEBUG", "HELP")).get(0))
                    .isEqualTo("DEBUG <subcommand> [<arg> [value] [opt] ...]. Available subcommands:");
            assertThat(c.call("DEBUG", "ERROR", "MYERR custom")).isEqualTo(error("MYERR custom"));
            assertThat(c.call("DEBUG", "PROTOCOL", "map")).isEqualTo(List.of(0L, 0L, 1L, 1L, 2L, 0L));
        }
    }

    // SLOWLOG

    @Test
    void slowlogRecordsCommandsOverTheThresholdWithClientDetails() {
        try (RespClient c = node.client()) {
            c.call("CLIENT", "SETNAME", "slow-client");
            c.call("SLOWLOG", "RESET");
            assertThat(c.call("SLOWLOG", "LEN")).isEqualTo(0L);
            assertThat(c.call("SLOWLOG", "GET")).isEqualTo(List.of());
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            try {
                c.call("SET", "slow-key", "x".repeat(200));
                List<Object> entries = (List<Object>) c.call("SLOWLOG", "GET", "1");
                assertThat(entries).hasSize(1);
                List<Object> entry = (List<Object>) entries.get(0);
                assertThat(entry).hasSize(6);
                assertThat(entry.get(0)).isInstanceOf(Long.class);
                assertThat(Math.abs((Long) entry.get(1) - System.currentTimeMillis() / 1000)).isLessThanOrEqualTo(2);
                assertThat((Long) entry.get(2)).isNotNegative();
                assertThat(entry.get(3)).isEqualTo(List.of("SET", "slow-key", "x".repeat(128) + "... (72 more bytes)"));
                assertThat((String) entry.get(4)).matches("127\\.0\\.0\\.1:\\d+");
                assertThat(entry.get(5)).isEqualTo("slow-client");
                assertThat((Long) c.call("SLOWLOG", "LEN")).isGreaterThanOrEqualTo(2);
                assertThat((List<Object>) c.call("SLOWLOG", "GET", "-1")).hasSizeGreaterThanOrEqualTo(3);
                assertThat(c.call("SLOWLOG", "GET", "0")).isEqualTo(List.of());
            } finally {
                c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000");
            }
            assertThat(c.call("SLOWLOG", "RESET")).isEqualTo("OK");
            assertThat(c.call("SLOWLOG", "LEN")).isEqualTo(0L);
            assertThat(c.call("SLOWLOG", "GET", "-2")).isEqualTo(error("ERR count should be greater than or equal to -1"));
            assertThat(c.call("SLOWLOG", "GET", "x")).isEqualTo(error("ERR count should be greater than or equal to -1"));
            assertThat(((List<Object>) c.call("SLOWLOG", "HELP")).get(1)).isEqualTo("GET [<count>]");
        }
    }

    // MEMORY

    @Test
    void memoryUsageEstimatesStringsAsRedisEncodesThem() {
        try (RespClient c = node.client()) {
            c.call("SET", "k", "bar");
            assertThat(c.call("MEMORY", "USAGE", "k")).isEqualTo(64L);
            c.call("SET", "k", "12345");
            assertThat(c.call("MEMORY", "USAGE", "k")).isEqualTo(48L);
            c.call("SET", "k", "x".repeat(44));
            assertThat(c.call("MEMORY", "USAGE", "k")).isEqualTo(96L);
            c.call("SET", "k", "x".repeat(45));
            assertThat(c.call("MEMORY", "USAGE", "k")).isEqualTo(112L);
            c.call("SET", "k", "x".repeat(1000));
            assertThat(c.call("MEMORY", "USAGE", "k", "SAMPLES", "0")).isEqualTo(1072L);
            assertThat(c.call("MEMORY", "USAGE", "nosuchkey")).isNull();
            assertThat(c.call("MEMORY", "USAGE", "k", "SAMPLES", "-1")).isEqualTo(error("ERR syntax error"));
            assertThat(c.call("MEMORY", "USAGE", "k", "SAMPLES", "x")).isEqualTo(error("ERR value is not an integer or out of range"));
            assertThat(c.call("MEMORY", "USAGE", "k", "foo")).isEqualTo(error("ERR syntax error"));
            c.call("DEL", "k");
        }
    }

    @Test
    void jemallocSizeClassesMatchRedisAllocations() {
        assertThat(MemoryUsageCommand.jemalloc(1)).isEqualTo(8);
        assertThat(MemoryUsageCommand.jemalloc(23)).isEqualTo(32);
        assertThat(MemoryUsageCommand.jemalloc(49)).isEqualTo(64);
        assertThat(MemoryUsageCommand.jemalloc(128)).isEqualTo(128);
        assertThat(MemoryUsageCommand.jemalloc(129)).isEqualTo(160);
        assertThat(MemoryUsageCommand.jemalloc(1004)).isEqualTo(1024);
        assertThat(MemoryUsageCommand.jemalloc(1025)).isEqualTo(1280);
    }

    // MONITOR

    @Test
    void monitorStreamsOtherClientsCommands() {
        try (RespClient monitor = node.client(); RespClient other = node.client()) {
            assertThat(monitor.call("MONITOR")).isEqualTo("OK");
            other.call("SET", "monitored", "a b");
            String line = (String) monitor.read();
            assertThat(line).matches("\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"SET\" \"monitored\" \"a b\"");
        }
    }

    // SHUTDOWN

    @Test
    void shutdownValidatesItsFlags() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SHUTDOWN", "foo")).isEqualTo(error("ERR syntax error"));
            assertThat(c.call("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo(error("ERR syntax error"));
            assertThat(c.call("SHUTDOWN", "ABORT", "NOW")).isEqualTo(error("ERR syntax error"));
            assertThat(c.call("SHUTDOWN", "ABORT")).isEqualTo(error("ERR No shutdown in progress."));
        }
    }

    @Test
    void shutdownStopsTheNodeWithoutReplying() throws Exception {
        TestNode doomed = TestNode.start();
        try (RespClient c = doomed.client()) {
            assertThat(c.call("PING")).isEqualTo("PONG");
            c.send("SHUTDOWN", "NOSAVE", "NOW");
            assertThat(c.isClosedByServer()).isTrue();
        } finally {
            doomed.close();
        }
        Thread.sleep(200);
        assertThat(canConnect(doomed.port())).isFalse();
    }

    private static boolean canConnect(int port) {
        try (java.net.Socket ignored = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
