package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.DataNode;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.ConfigLoader;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigCommandsTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();

    private static RespClient.Error error(String message) {
        return new RespClient.Error(message);
    }

    /** A RESP2 CONFIG GET reply (flat name, value list) as a map. */
    private static Map<Object, Object> pairs(Object reply) {
        List<?> flat = (List<?>) reply;
        Map<Object, Object> map = new HashMap<>();
        for (int i = 0; i < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        assertThat(map).hasSize(flat.size() / 2);
        return map;
    }

    @Test
    void configGetAnswersNamesAsGivenAndPatternsCaseInsensitively() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CONFIG", "GET", "maxclients")).isEqualTo(List.of("maxclients", "10000"));
            assertThat(c.call("CONFIG", "GET", "MAXCLIENTS")).isEqualTo(List.of("MAXCLIENTS", "10000"));
            assertThat(c.call("CONFIG", "GET", "slave-priority")).isEqualTo(List.of("slave-priority", "100"));
            assertThat(pairs(c.call("CONFIG", "GET", "MAXCLIENT*"))).isEqualTo(Map.of("maxclients", "10000"));
            assertThat(pairs(c.call("CONFIG", "GET", "slowlog-*")))
                    .isEqualTo(Map.of("slowlog-log-slower-than", "10000", "slowlog-max-len", "128"));
            assertThat(pairs(c.call("CONFIG", "GET", "maxclients", "timeout", "maxclients", "maxc*")))
                    .isEqualTo(Map.of("maxclients", "10000", "timeout", "0"));
            assertThat(pairs(c.call("CONFIG", "GET", "replica-priority", "*priority*")))
                    .isEqualTo(Map.of("replica-priority", "100"));
            assertThat(c.call("CONFIG", "GET", "no-such-option")).isEqualTo(List.of());
            assertThat(c.call("CONFIG", "GET", "no-such-*")).isEqualTo(List.of());
            assertThat(c.call("CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
            assertThat(c.call("CONFIG", "GET")).isEqualTo(error("ERR wrong number of arguments for 'config|get' command"));
        }
    }

    @Test
    void configGetIsAMapInResp3() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            assertThat(c.call("CONFIG", "GET", "maxclients", "timeout")).isEqualTo(Map.of("maxclients", "10000", "timeout", "0"));
            assertThat(c.call("CONFIG", "GET", "nothing")).isEqualTo(Map.of());
        }
    }

    @Test
    void configSetChangesOneOrManyOptionsIncludingAliasesAndUnits() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "200")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "GET", "slowlog-max-len")).isEqualTo(List.of("slowlog-max-len", "200"));
            assertThat(c.call("CONFIG", "SET", "SLOWLOG-MAX-LEN", "300", "slave-priority", "7")).isEqualTo("OK");
            assertThat(pairs(c.call("CONFIG", "GET", "slowlog-max-len", "replica-priority")))
                    .isEqualTo(Map.of("slowlog-max-len", "300", "replica-priority", "7"));
            assertThat(c.call("CONFIG", "SET", "repl-backlog-size", "2mb")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "GET", "repl-backlog-size")).isEqualTo(List.of("repl-backlog-size", "2097152"));
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "128", "replica-priority", "100",
                    "repl-backlog-size", "1mb")).isEqualTo("OK");
        }
    }

    @Test
    void configSetIsAtomicAndWordsErrorsLikeRedis70() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CONFIG", "SET", "foo", "bar"))
                    .isEqualTo(error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"));
            assertThat(c.call("CONFIG", "SET", "maxclients", "abc")).isEqualTo(error(
                    "ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be parsed into an integer"));
            assertThat(c.call("CONFIG", "SET", "Slave-Priority", "abc")).isEqualTo(error(
                    "ERR CONFIG SET failed (possibly related to argument 'slave-priority') - argument couldn't be parsed into an integer"));
            assertThat(c.call("CONFIG", "SET", "DATABASES", "3")).isEqualTo(error(
                    "ERR CONFIG SET failed (possibly related to argument 'DATABASES') - can't set immutable config"));
            assertThat(c.call("CONFIG", "SET", "timeout", "1", "TIMEOUT", "2")).isEqualTo(error(
                    "ERR CONFIG SET failed (possibly related to argument 'TIMEOUT') - duplicate parameter"));
            assertThat(c.call("CONFIG", "SET", "appendonly", "maybe")).isEqualTo(error(
                    "ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'"));
            assertThat(c.call("CONFIG", "SET", "maxclients", "10", "foo")).isEqualTo(error("ERR syntax error"));
            assertThat(c.call("CONFIG", "SET", "databases", "3", "foo", "bar")).isEqualTo(error(
                    "ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config"));
            assertThat(c.call("CONFIG", "SET", "foo", "bar", "databases", "3"))
                    .isEqualTo(error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"));
            assertThat(c.call("CONFIG", "SET", "maxclients")).isEqualTo(error("ERR wrong number of arguments for 'config|set' command"));
            // the valid first value is rolled back when a later one is rejected
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "999", "timeout", "10", "maxclients", "abc"))
                    .isInstanceOf(RespClient.Error.class);
            assertThat(pairs(c.call("CONFIG", "GET", "slowlog-max-len", "timeout")))
                    .isEqualTo(Map.of("slowlog-max-len", "128", "timeout", "0"));
        }
    }

    @Test
    void configSetRunsListenersOnlyForValuesThatChanged() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        Config config = node.node().server().config();
        node.node().server().eventLoop().submit(() -> config.slowlogMaxLen.onChange(seen::add)).get(10, TimeUnit.SECONDS);
        try (RespClient c = node.client()) {
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "42")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "42")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "43", "maxclients", "x")).isInstanceOf(RespClient.Error.class);
            assertThat(c.call("CONFIG", "SET", "slowlog-max-len", "128")).isEqualTo("OK");
        }
        assertThat(seen).containsExactly(42L, 128L);
    }

    @Test
    void configSetHidesSecretValuesFromTheSlowLog() {
        try (RespClient c = node.client()) {
            c.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            try {
                assertThat(c.call("CONFIG", "SET", "masteruser", "replicator", "timeout", "0")).isEqualTo("OK");
                List<?> entry = (List<?>) ((List<?>) c.call("SLOWLOG", "GET", "1")).get(0);
                assertThat(entry.get(3)).isEqualTo(List.of("CONFIG", "SET", "masteruser", "(redacted)", "timeout", "0"));
                assertThat(c.call("CONFIG", "GET", "masteruser")).isEqualTo(List.of("masteruser", "replicator"));
            } finally {
                c.call("CONFIG", "SET", "slowlog-log-slower-than", "10000", "masteruser", "");
            }
        }
    }

    @Test
    void configRewriteWithoutAFileIsAnError() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo(error("ERR The server is running without a config file"));
        }
    }

    @Test
    void configHelpAndUnknownSubcommands() {
        try (RespClient c = node.client()) {
            List<?> help = (List<?>) c.call("CONFIG", "HELP");
            assertThat(help.get(0)).isEqualTo("CONFIG <subcommand> [<arg> [value] [opt] ...]. Available subcommands:");
            assertThat(help.get(1)).isEqualTo("GET <pattern>");
            assertThat(help.get(help.size() - 1)).isEqualTo("    Shows this list.");
            assertThat(c.call("CONFIG", "NOSUCH")).isEqualTo(error("ERR unknown subcommand 'NOSUCH'. Try CONFIG HELP."));
            assertThat(c.call("CONFIG")).isEqualTo(error("ERR wrong number of arguments for 'config' command"));
        }
    }

    @Test
    void configRewriteKeepsCommentsReplacesValuesAndAppendsChangedOptions(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("node.conf");
        Files.writeString(file, String.join("\n",
                "# The node's configuration",
                "timeout 5",
                "",
                "",
                "# Clients",
                "maxclients 100",
                "slowlog-max-len 10",
                "slowlog-max-len 20",
                "save 900 1",
                "save 300 10",
                "hash-max-ziplist-value 32",
                "") + "\n");
        int port = TestNode.freePort();
        Config config = ConfigLoader.fromArgs(new String[] {file.toString(), "--port", Integer.toString(port),
            "--bind", "127.0.0.1"});
        DataNode dataNode = new DataNode(config);
        dataNode.start();
        try (RespClient c = RespClient.connect(port)) {
            assertThat(c.call("CONFIG", "GET", "slowlog-max-len")).isEqualTo(List.of("slowlog-max-len", "20"));
            assertThat(c.call("CONFIG", "SET", "timeout", "7", "slowlog-log-slower-than", "5", "save", "60 5",
                    "hash-max-listpack-value", "40")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("OK");
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
            List<String> expectedStart = List.of(
                    "# The node's configuration",
                    "timeout 7",
                    "",
                    "# Clients",
                    "maxclients 100",
                    "slowlog-max-len 20",
                    "",
                    "save 60 5",
                    "",
                    "hash-max-listpack-value 40",
                    "",
                    ConfigRewriter.SIGNATURE);
            assertThat(List.of(lines).subList(0, expectedStart.size())).isEqualTo(expectedStart);
            List<String> appended = List.of(lines).subList(expectedStart.size(), lines.length);
            assertThat(appended).contains("port " + port, "bind 127.0.0.1", "slowlog-log-slower-than 5",
                    "dir " + quoted(Path.of(".").toAbsolutePath().normalize().toString()));
            assertThat(appended.get(appended.size() - 1)).isEmpty();
            // the rewritten file loads back to the same values
            Config reloaded = ConfigLoader.fromArgs(new String[] {file.toString()});
            assertThat(reloaded.timeout.get()).isEqualTo(7);
            assertThat(reloaded.slowlogLogSlowerThan.get()).isEqualTo(5);
            assertThat(reloaded.hashMaxListpackValue.get()).isEqualTo(40);
            assertThat(reloaded.save.formatted()).isEqualTo("60 5");
            assertThat(reloaded.port.get()).isEqualTo(port);
            // Rewriting again keeps the content; like Redis, the file's final newline reads as one more
            // (blank) line, so the file settles ending in one blank line.
            String once = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("OK");
            String twice = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(twice).isEqualTo(once + "\n");
            assertThat(c.call("CONFIG", "REWRITE")).isEqualTo("OK");
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(twice);
        } finally {
            dataNode.close();
        }
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void rewriteKeepsUnknownLinesAndWritesEmptySaveAndQuotedStrings() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[] {"--save", "", "--requirepass", "p w\"d"});
        String old = String.join("\n", "include /etc/other.conf", "  # indented comment  ", "save 10 1", "rename-command X Y", "");
        String text = ConfigRewriter.rewriteText(config, old, false);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        assertThat(lines.subList(0, 5)).containsExactly("include /etc/other.conf", "# indented comment", "save \"\"",
                "rename-command X Y", "");
        assertThat(lines).contains(ConfigRewriter.SIGNATURE, "requirepass \"p w\\\"d\"");
        assertThat(lines).noneMatch(l -> l.startsWith("maxclients") || l.startsWith("timeout"));
    }

    @Test
    void rewriteForceAllWritesEveryDirectiveWithMemoryUnits() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[0]);
        String text = ConfigRewriter.rewriteText(config, "", true);
        assertThat(text.split("\n")).contains("maxclients 10000", "timeout 0", "repl-backlog-size 1mb",
                "proto-max-bulk-len 512mb", "appendonly no", "maxmemory-policy noeviction", "bind * -::*",
                "save 3600 1", "save 300 100", "save 60 10000");
        assertThat(ConfigRewriter.formatMemory(0)).isEqualTo("0");
        assertThat(ConfigRewriter.formatMemory(1536)).isEqualTo("1536");
        assertThat(ConfigRewriter.formatMemory(3L << 30)).isEqualTo("3gb");
        assertThat(ConfigRewriter.formatMemory(4096)).isEqualTo("4kb");
        assertThat(ConfigRewriter.formatMemory(1000)).isEqualTo("1000");
    }
}
