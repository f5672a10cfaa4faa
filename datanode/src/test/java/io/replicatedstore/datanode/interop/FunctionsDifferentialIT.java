package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FUNCTION and FCALL answer as Debian's redis-server 7.0.15 does: loading (the shebang, what a
 * library's code may reach at load, register_function's arguments and flags, name clashes),
 * calling (numkeys, flags, errors with the function's name and line), listing, deleting,
 * FUNCTION DUMP's bytes and RESTORE's policies, and FUNCTION KILL / STATS while one runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FunctionsDifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    private static final String LIB_E = """
            #!lua name=e
            redis.register_function('g', function(keys, args) return {keys[1], args[1], #keys, #args} end)
            redis.register_function{function_name='ro', callback=function(keys) return redis.call('set', keys[1], 'x') end, flags={'no-writes'}}
            redis.register_function{function_name='err', callback=function(keys) return redis.call('nosuch') end}
            redis.register_function{function_name='err2', callback=function(keys) error('boom') end}
            redis.register_function{function_name='w', callback=function(keys, args) return redis.call('set', keys[1], args[1]) end, description='writes'}
            redis.register_function{function_name='pc', callback=function() return redis.pcall('incr', 'e:str') end}
            redis.register_function{function_name='tbl', callback=function() return {1, 'two', {3, false}, {ok='fine'}, 4.9} end}
            redis.log(redis.LOG_NOTICE, 'loaded')
            local v = redis.REDIS_VERSION
            """;

    private static final List<String> LOADS = List.of(
            "#!lua name=a\nredis.register_function('f', function() return 1 end)\nredis.register_function('f', function() return 1 end)",
            "#!lua name=b\nredis.register_function('f-1', function() return 1 end)",
            "#!lua name=c\nredis.call('ping')",
            "#!lua name=c\nlocal x = string.len('a')",
            "#!lua name=c\nredis.register_function{function_name='x', callback=function() return 1 end, flags={'bad'}}",
            "#!lua name=c\nredis.register_function{function_name='x', callback=function() return 1 end, flags={'no-writes', 'ALLOW-OOM'}, description='hi'}",
            "#!lua name=c\nredis.register_function{function_name='x2', callback=function() return 1 end}",
            "#!lua name=d",
            "#!lua name=d foo=bar\n",
            "#!lua\n",
            "#!lu name=x\n",
            "no shebang",
            "#!lua name=d\nerror('boom')",
            "#!lua name=d\nx = 1",
            "#!lua name=d\nreturn (x",
            "#!lua name=d\nlocal function hi() return 1 end",
            "#!lua name=d\nlocal x = nil + 1",
            "#!lua name=d\nredis.register_function('f', function() return 1 end, 3)",
            "#!lua name=d\nredis.register_function('f')",
            "#!lua name=d\nredis.register_function{function_name='f2', callback=function() return 1 end, x=1}",
            "#!lua name=d\nredis.register_function{function_name='f2', callback=5}",
            "#!lua name=d\nredis.register_function{callback=function() end}",
            "#!lua name=d\nredis.register_function{function_name='q'}",
            "#!lua name=d\nredis.register_function{function_name='q', callback=function() end, flags='no-writes'}",
            "#!lua name=d\nredis.register_function{function_name='q', callback=function() end, description=function() end}",
            "#!lua name=d\nredis.register_function('', function() end)",
            "#!lua name=d\nredis.register_function(function() end, function() end)",
            "#!lua name=d\nredis.register_function('x', function() end)",
            "#!lua name=d\nlocal s = redis.setresp",
            "#!lua name=d name=e\n",
            "#!lua name=d-1\n",
            "#!lua NAME=d2\nredis.register_function('d2', function() return 'd2' end)");

    @BeforeEach
    void flush() {
        for (ServerProcess server : List.of(servers.redis(), servers.dataNode())) {
            try (RespClient c = server.client()) {
                c.call("FUNCTION", "FLUSH");
                c.call("FLUSHALL");
            }
        }
    }

    @Test
    void loadingLibrariesAnswersAsRedisDoes() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (String code : LOADS) {
                same(theirs, mine, "FUNCTION", "LOAD", code);
            }
            same(theirs, mine, "FUNCTION", "LOAD", "REPLACE", "#!lua name=c\nredis.register_function('x', function() return 'c' end)");
            same(theirs, mine, "FUNCTION", "LOAD", "REPLACE", "#!lua name=c\nredis.register_function('d2', function() return 'c' end)");
            same(theirs, mine, "FUNCTION", "LOAD", "REPLACE");
            same(theirs, mine, "FUNCTION", "LOAD", "FOO", "#!lua name=x\n");
            same(theirs, mine, "FCALL", "x", "0");
            same(theirs, mine, "FCALL", "x2", "0");
            same(theirs, mine, "FCALL", "d2", "0");
            for (String lib : List.of("c", "d2", "*", "nosuch")) {
                sameIgnoringOrder(theirs, mine, "FUNCTION", "LIST", "LIBRARYNAME", lib, "WITHCODE");
            }
            same(theirs, mine, "FUNCTION", "LIST", "LIBRARYNAME");
            same(theirs, mine, "FUNCTION", "LIST", "BAD");
            same(theirs, mine, "FUNCTION", "LIST", "WITHCODE", "WITHCODE");
            same(theirs, mine, "FUNCTION", "STATS");
            same(theirs, mine, "FUNCTION", "DELETE", "nosuch");
            same(theirs, mine, "FUNCTION", "DELETE", "c");
            same(theirs, mine, "FCALL", "x", "0");
            same(theirs, mine, "FUNCTION", "FLUSH", "BAD");
            same(theirs, mine, "FUNCTION", "FLUSH", "ASYNC");
            same(theirs, mine, "FUNCTION", "LIST");
            // HELP's text is our own words: the same subcommands are listed.
            assertThat(helpSubcommands(mine)).isEqualTo(helpSubcommands(theirs));
            same(theirs, mine, "FUNCTION", "NOSUCH");
        }
    }

    @Test
    void callingFunctionsAnswersAsRedisDoes() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            same(theirs, mine, "FUNCTION", "LOAD", LIB_E);
            same(theirs, mine, "SET", "e:str", "text");
            for (Object[] command : List.of(
                    new Object[] {"FCALL", "g", "1", "k", "a"},
                    new Object[] {"FCALL", "g", "0"},
                    new Object[] {"FCALL", "g", "2", "k1", "k2", "a1", "a2"},
                    new Object[] {"FCALL", "g", "x"},
                    new Object[] {"FCALL", "g", "-1"},
                    new Object[] {"FCALL", "g", "3", "a"},
                    new Object[] {"FCALL", "nosuch", "0"},
                    new Object[] {"FCALL", "nosuch", "x"},
                    new Object[] {"FCALL", "ro", "1", "k"},
                    new Object[] {"FCALL_RO", "g", "0"},
                    new Object[] {"FCALL_RO", "ro", "1", "k"},
                    new Object[] {"FCALL_RO", "w", "1", "k", "v"},
                    new Object[] {"FCALL", "w", "1", "k", "v"},
                    new Object[] {"GET", "k"},
                    new Object[] {"FCALL", "err", "0"},
                    new Object[] {"FCALL", "err2", "0"},
                    new Object[] {"FCALL", "pc", "0"},
                    new Object[] {"FCALL", "tbl", "0"},
                    new Object[] {"FCALL"},
                    new Object[] {"FCALL", "g"},
                    new Object[] {"FUNCTION", "LIST", "LIBRARYNAME", "e"})) {
                if (command.length == 4 && command[0].equals("FUNCTION")) {
                    sameIgnoringOrder(theirs, mine, command);
                } else {
                    same(theirs, mine, command);
                }
            }
        }
    }

    @Test
    void dumpsAreRedisBytesAndRestoreBothWays() {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            String lib1 = "#!lua name=lib1\nredis.register_function('f1', function() return 'one' end)";
            String lib2 = "#!lua name=lib2\n-- " + "padding that compresses well ".repeat(10)
                    + "\nredis.register_function('f2', function() return 'two' end)";
            same(theirs, mine, "FUNCTION", "LOAD", lib1);
            byte[] oneLibrary = mine.callBytes("FUNCTION", "DUMP");
            assertThat(oneLibrary).isEqualTo(theirs.callBytes("FUNCTION", "DUMP"));
            same(theirs, mine, "FUNCTION", "LOAD", lib2);
            byte[] redisDump = theirs.callBytes("FUNCTION", "DUMP");
            byte[] ourDump = mine.callBytes("FUNCTION", "DUMP");
            for (RespClient c : List.of(theirs, mine)) {
                c.call("FUNCTION", "FLUSH");
            }
            // Each restores what the other dumped.
            assertThat(mine.call("FUNCTION", "RESTORE", redisDump)).isEqualTo("OK");
            assertThat(theirs.call("FUNCTION", "RESTORE", ourDump)).isEqualTo("OK");
            same(theirs, mine, "FCALL", "f1", "0");
            same(theirs, mine, "FCALL", "f2", "0");
            // Which library a clash names depends on Redis's hash order: clash with one library.
            same(theirs, mine, "FUNCTION", "RESTORE", oneLibrary);
            same(theirs, mine, "FUNCTION", "RESTORE", oneLibrary, "APPEND");
            same(theirs, mine, "FUNCTION", "RESTORE", ourDump, "BAD");
            same(theirs, mine, "FUNCTION", "RESTORE", ourDump, "REPLACE");
            same(theirs, mine, "FUNCTION", "RESTORE", ourDump, "FLUSH");
            same(theirs, mine, "FUNCTION", "RESTORE", ourDump, "FLUSH", "x");
            same(theirs, mine, "FUNCTION", "RESTORE", "bad payload");
            byte[] corrupt = ourDump.clone();
            corrupt[5] ^= 1;
            same(theirs, mine, "FUNCTION", "RESTORE", corrupt);
            // A library of another name whose function clashes: nothing restored.
            same(theirs, mine, "FUNCTION", "FLUSH");
            same(theirs, mine, "FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('f1', function() return 'x' end)");
            same(theirs, mine, "FUNCTION", "RESTORE", ourDump, "REPLACE");
            same(theirs, mine, "FCALL", "f2", "0");
            same(theirs, mine, "FUNCTION", "DELETE", "other");
            same(theirs, mine, "FUNCTION", "LOAD", "#!lua name=lib1\nredis.register_function('old', function() return 'x' end)");
            same(theirs, mine, "FUNCTION", "RESTORE", ourDump, "REPLACE");
            same(theirs, mine, "FCALL", "old", "0");
            same(theirs, mine, "FCALL", "f1", "0");
        }
    }

    @Test
    void aBusyFunctionIsReportedAndKilledAsInRedis() {
        for (var server : List.of(servers.redis(), servers.dataNode())) {
            try (RespClient c = server.client()) {
                c.call("CONFIG", "SET", "busy-reply-threshold", "100");
                c.call("FUNCTION", "LOAD", "#!lua name=t\nredis.register_function('t', function() local i = 0 while true do i = i + 1 end end)");
            }
        }
        try {
            List<Object> theirs = busyScenario(servers.redis());
            List<Object> mine = busyScenario(servers.dataNode());
            assertThat(mine).isEqualTo(theirs);
        } finally {
            for (var server : List.of(servers.redis(), servers.dataNode())) {
                try (RespClient c = server.client()) {
                    c.call("CONFIG", "SET", "busy-reply-threshold", "5000");
                }
            }
        }
    }

    private static List<Object> busyScenario(ServerProcess server) {
        try (RespClient caller = server.client(); RespClient other = server.client()) {
            caller.send("FCALL", "t", "0");
            await().atMost(Duration.ofSeconds(20)).until(() -> other.call("PING") instanceof RespClient.Error);
            Object ping = other.call("PING");
            Object scriptKill = other.call("SCRIPT", "KILL");
            Object stats = other.call("FUNCTION", "STATS");
            List<?> statsList = (List<?>) stats;
            List<?> running = (List<?>) statsList.get(1);
            // The duration varies: keep the rest of the entry.
            Object kill = other.call("FUNCTION", "KILL");
            Object killed = caller.read();
            return List.of(ping, scriptKill, running.subList(0, 4), statsList.subList(2, 4), kill, killed,
                    other.call("PING"), other.call("FUNCTION", "KILL"));
        }
    }

    private static List<String> helpSubcommands(RespClient c) {
        List<String> names = new java.util.ArrayList<>();
        for (Object line : (List<?>) c.call("FUNCTION", "HELP")) {
            String text = (String) line;
            if (!text.startsWith(" ") && !text.startsWith("FUNCTION ")) {
                names.add(text.split(" ")[0]);
            }
        }
        return names;
    }

    private static void same(RespClient theirs, RespClient mine, Object... command) {
        Object expected = theirs.call(command);
        assertThat(mine.call(command)).as(Arrays.toString(command)).isEqualTo(expected);
    }

    /** FUNCTION LIST of a library: its functions come in Redis's hash order, so compare them as a set. */
    private static void sameIgnoringOrder(RespClient theirs, RespClient mine, Object... command) {
        Object expected = theirs.call(command);
        Object actual = mine.call(command);
        assertThat(normalise(actual)).as(Arrays.toString(command)).isEqualTo(normalise(expected));
    }

    private static Object normalise(Object reply) {
        if (reply instanceof List<?> list) {
            List<Object> items = new java.util.ArrayList<>();
            for (Object item : list) {
                items.add(normalise(item));
            }
            items.sort(java.util.Comparator.comparing(String::valueOf));
            return items;
        }
        return reply;
    }
}
