package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class ClientCommandsTest {

    private static final List<String> FIELDS = List.of("id", "addr", "laddr", "fd", "name", "age", "idle", "flags", "db",
            "sub", "psub", "ssub", "multi", "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl", "oll",
            "omem", "tot-mem", "events", "cmd", "user", "redir", "resp");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();

    private static RespClient.Error error(String message) {
        return new RespClient.Error(message);
    }

    /** CLIENT LIST / CLIENT INFO text, parsed: one field map per line, in the order printed. */
    private static List<Map<String, String>> parse(Object reply) {
        String text = reply instanceof RespClient.Verbatim v ? v.text() : (String) reply;
        assertThat(text).endsWith("\n");
        return Stream.of(text.split("\n")).map(line -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : line.split(" ")) {
                int eq = pair.indexOf('=');
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return fields;
        }).collect(Collectors.toList());
    }

    private static Map<String, String> entry(List<Map<String, String>> clients, long id) {
        return clients.stream().filter(c -> c.get("id").equals(Long.toString(id))).findFirst().orElse(null);
    }

    @Test
    void clientIdIsUniquePerConnectionAndStable() {
        try (RespClient a = node.client(); RespClient b = node.client()) {
            long idA = (Long) a.call("CLIENT", "ID");
            long idB = (Long) b.call("CLIENT", "ID");
            assertThat(idA).isPositive().isNotEqualTo(idB);
            assertThat(a.call("client", "id")).isEqualTo(idA);
            assertThat(a.call("CLIENT", "ID", "x")).isEqualTo(error("ERR wrong number of arguments for 'client|id' command"));
        }
    }

    @Test
    void setnameAndGetnameValidateAndClearTheName() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CLIENT", "GETNAME")).isNull();
            assertThat(c.call("CLIENT", "SETNAME", "worker-1")).isEqualTo("OK");
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("worker-1");
            String invalid = "ERR Client names cannot contain spaces, newlines or special characters.";
            assertThat(c.call("CLIENT", "SETNAME", "a b")).isEqualTo(error(invalid));
            assertThat(c.call("CLIENT", "SETNAME", "a\nb")).isEqualTo(error(invalid));
            assertThat(c.call("CLIENT", "SETNAME", "café")).isEqualTo(error(invalid));
            assertThat(c.call("CLIENT", "GETNAME")).isEqualTo("worker-1");
            assertThat(c.call("CLIENT", "SETNAME", "")).isEqualTo("OK");
            assertThat(c.call("CLIENT", "GETNAME")).isNull();
            assertThat(c.call("CLIENT", "SETNAME")).isEqualTo(error("ERR wrong number of arguments for 'client|setname' command"));
        }
    }

    @Test
    void clientListPrintsRedisFieldsInOrderForEveryConnection() {
        try (RespClient a = node.client(); RespClient b = node.client()) {
            long idA = (Long) a.call("CLIENT", "ID");
            long idB = (Long) b.call("CLIENT", "ID");
            b.call("CLIENT", "SETNAME", "other");
            b.call("PING");
            List<Map<String, String>> clients = parse(a.call("CLIENT", "LIST"));
            Map<String, String> self = entry(clients, idA);
            Map<String, String> other = entry(clients, idB);
            assertThat(self).isNotNull();
            assertThat(other).isNotNull();
            assertThat(List.copyOf(self.keySet())).isEqualTo(FIELDS);
            assertThat(self.get("addr")).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(self.get("laddr")).isEqualTo("127.0.0.1:" + node.port());
            assertThat(self.get("cmd")).isEqualTo("client|list");
            assertThat(self.get("flags")).isEqualTo("N");
            assertThat(self.get("db")).isEqualTo("0");
            assertThat(self.get("multi")).isEqualTo("-1");
            assertThat(self.get("user")).isEqualTo("default");
            assertThat(self.get("resp")).isEqualTo("2");
            assertThat(self.get("events")).isEqualTo("r");
            assertThat(other.get("name")).isEqualTo("other");
            assertThat(other.get("cmd")).isEqualTo("ping");
            assertThat(Long.parseLong(other.get("age"))).isNotNegative();
            assertThat(Long.parseLong(other.get("idle"))).isNotNegative();
        }
    }

    @Test
    void clientListFiltersByIdAndType() {
        try (RespClient a = node.client(); RespClient b = node.client()) {
            long idA = (Long) a.call("CLIENT", "ID");
            long idB = (Long) b.call("CLIENT", "ID");
            List<Map<String, String>> byId = parse(a.call("CLIENT", "LIST", "ID", idB, 999_999, idA));
            assertThat(byId).extracting(m -> m.get("id")).containsExactly(Long.toString(idB), Long.toString(idA));
            assertThat(a.call("CLIENT", "LIST", "ID", 999_999)).isEqualTo("");
            List<Map<String, String>> normal = parse(a.call("CLIENT", "LIST", "TYPE", "normal"));
            assertThat(normal).extracting(m -> m.get("id")).contains(Long.toString(idA), Long.toString(idB));
            assertThat(a.call("CLIENT", "LIST", "TYPE", "master")).isEqualTo("");
            assertThat(a.call("CLIENT", "LIST", "TYPE", "replica")).isEqualTo("");
            assertThat(a.call("CLIENT", "LIST", "TYPE", "foo")).isEqualTo(error("ERR Unknown client type 'foo'"));
            assertThat(a.call("CLIENT", "LIST", "ID", "abc")).isEqualTo(error("ERR Invalid client ID"));
            assertThat(a.call("CLIENT", "LIST", "ID")).isEqualTo(error("ERR syntax error"));
            assertThat(a.call("CLIENT", "LIST", "foo")).isEqualTo(error("ERR syntax error"));
        }
    }

    @Test
    void clientListShowsSubscriptionsTransactionsDatabaseAndFlags() {
        try (RespClient a = node.client(); RespClient sub = node.client(); RespClient tx = node.client()) {
            long idSub = (Long) sub.call("CLIENT", "ID");
            long idTx = (Long) tx.call("CLIENT", "ID");
            assumeThat(sub.call("SUBSCRIBE", "ch1", "ch2")).isInstanceOf(List.class);
            sub.read();
            assertThat(tx.call("SELECT", "3")).isEqualTo("OK");
            assertThat(tx.call("CLIENT", "NO-EVICT", "on")).isEqualTo("OK");
            assumeThat(tx.call("MULTI")).isEqualTo("OK");
            tx.call("PING");
            tx.call("PING");
            List<Map<String, String>> clients = parse(a.call("CLIENT", "LIST"));
            Map<String, String> subscriber = entry(clients, idSub);
            assertThat(subscriber.get("sub")).isEqualTo("2");
            assertThat(subscriber.get("psub")).isEqualTo("0");
            assertThat(subscriber.get("flags")).isEqualTo("P");
            Map<String, String> inMulti = entry(clients, idTx);
            assertThat(inMulti.get("db")).isEqualTo("3");
            assertThat(inMulti.get("multi")).isEqualTo("2");
            assertThat(inMulti.get("flags")).isEqualTo("xe");
            assertThat(parse(a.call("CLIENT", "LIST", "TYPE", "pubsub"))).extracting(m -> m.get("id"))
                    .containsExactly(Long.toString(idSub));
        }
    }

    @Test
    void clientInfoDescribesTheCallerInResp2AndResp3() {
        try (RespClient c = node.client()) {
            long id = (Long) c.call("CLIENT", "ID");
            List<Map<String, String>> info = parse(c.call("CLIENT", "INFO"));
            assertThat(info).hasSize(1);
            assertThat(info.get(0).get("id")).isEqualTo(Long.toString(id));
            assertThat(info.get(0).get("cmd")).isEqualTo("client|info");
            c.call("HELLO", "3");
            Object verbatim = c.call("CLIENT", "INFO");
            assertThat(verbatim).isInstanceOf(RespClient.Verbatim.class);
            assertThat(((RespClient.Verbatim) verbatim).format()).isEqualTo("txt");
            assertThat(parse(verbatim).get(0).get("resp")).isEqualTo("3");
        }
    }

    @Test
    void clientKillDisconnectsAnotherConnectionById() {
        try (RespClient killer = node.client(); RespClient victim = node.client()) {
            long victimId = (Long) victim.call("CLIENT", "ID");
            assertThat(killer.call("CLIENT", "KILL", "ID", victimId)).isEqualTo(1L);
            assertThat(victim.isClosedByServer()).isTrue();
            assertThat(killer.call("CLIENT", "KILL", "ID", victimId)).isEqualTo(0L);
            assertThat(killer.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void clientKillOldFormTakesTheAddressAndAnswersOk() {
        try (RespClient killer = node.client(); RespClient victim = node.client()) {
            long victimId = (Long) victim.call("CLIENT", "ID");
            String addr = entry(parse(killer.call("CLIENT", "LIST")), victimId).get("addr");
            assertThat(killer.call("CLIENT", "KILL", addr)).isEqualTo("OK");
            assertThat(victim.isClosedByServer()).isTrue();
            assertThat(killer.call("CLIENT", "KILL", addr)).isEqualTo(error("ERR No such client"));
        }
    }

    @Test
    void clientKillNewFormFiltersAndSkipsTheCallerUnlessAsked() {
        try (RespClient killer = node.client(); RespClient victim = node.client()) {
            long killerId = (Long) killer.call("CLIENT", "ID");
            victim.call("CLIENT", "ID");
            String myAddr = entry(parse(killer.call("CLIENT", "LIST")), killerId).get("addr");
            assertThat(killer.call("CLIENT", "KILL", "ADDR", myAddr)).isEqualTo(0L);
            assertThat(killer.call("CLIENT", "KILL", "ID", killerId, "TYPE", "pubsub")).isEqualTo(0L);
            assertThat(killer.call("CLIENT", "KILL", "ID", "0")).isEqualTo(error("ERR client-id should be greater than 0"));
            assertThat(killer.call("CLIENT", "KILL", "TYPE", "foo")).isEqualTo(error("ERR Unknown client type 'foo'"));
            assertThat(killer.call("CLIENT", "KILL", "USER", "bob")).isEqualTo(error("ERR No such user 'bob'"));
            assertThat(killer.call("CLIENT", "KILL", "SKIPME", "maybe")).isEqualTo(error("ERR syntax error"));
            assertThat(killer.call("CLIENT", "KILL", "ID", "1", "TYPE")).isEqualTo(error("ERR syntax error"));
            // SKIPME no: the caller is killed too, after its reply
            assertThat(killer.call("CLIENT", "KILL", "ADDR", myAddr, "SKIPME", "no")).isEqualTo(1L);
            assertThat(killer.isClosedByServer()).isTrue();
            assertThat(victim.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void clientPauseWriteDelaysWritesUntilUnpauseWhileReadsContinue() {
        try (RespClient admin = node.client(); RespClient writer = node.client(); RespClient reader = node.client()) {
            reader.call("DEL", "paused-key");
            assertThat(admin.call("CLIENT", "PAUSE", "20000", "WRITE")).isEqualTo("OK");
            writer.send("SET", "paused-key", "v");
            writer.timeout(400);
            assertThatThrownBy(writer::read).isInstanceOf(UncheckedIOException.class);
            assertThat(reader.call("GET", "paused-key")).isNull();
            assertThat(reader.call("PING")).isEqualTo("PONG");
            assertThat(admin.call("CLIENT", "UNPAUSE")).isEqualTo("OK");
            writer.timeout(5000);
            assertThat(writer.read()).isEqualTo("OK");
            assertThat(reader.call("GET", "paused-key")).isEqualTo("v");
        }
    }

    @Test
    void clientPauseAllDelaysEveryCommandUntilItExpires() {
        try (RespClient admin = node.client(); RespClient other = node.client()) {
            long start = System.nanoTime();
            assertThat(admin.call("CLIENT", "PAUSE", "300")).isEqualTo("OK");
            assertThat(other.call("PING")).isEqualTo("PONG");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void clientPauseValidatesItsArguments() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CLIENT", "PAUSE", "abc")).isEqualTo(error("ERR timeout is not an integer or out of range"));
            assertThat(c.call("CLIENT", "PAUSE", "-1")).isEqualTo(error("ERR timeout is negative"));
            assertThat(c.call("CLIENT", "PAUSE", "10", "foo")).isEqualTo(error("ERR CLIENT PAUSE mode must be WRITE or ALL"));
            assertThat(c.call("CLIENT", "PAUSE", "10", "write", "x"))
                    .isEqualTo(error("ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP."));
            assertThat(c.call("CLIENT", "UNPAUSE")).isEqualTo("OK");
        }
    }

    @Test
    void clientUnblockAnswersZeroForClientsThatAreNotBlocked() {
        try (RespClient c = node.client(); RespClient other = node.client()) {
            long otherId = (Long) other.call("CLIENT", "ID");
            assertThat(c.call("CLIENT", "UNBLOCK", otherId)).isEqualTo(0L);
            assertThat(c.call("CLIENT", "UNBLOCK", 999_999, "ERROR")).isEqualTo(0L);
            assertThat(c.call("CLIENT", "UNBLOCK", otherId, "foo"))
                    .isEqualTo(error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"));
            assertThat(c.call("CLIENT", "UNBLOCK", "abc")).isEqualTo(error("ERR value is not an integer or out of range"));
        }
    }

    @Test
    void clientUnblockEndsABlockingCommandAsTimeoutOrError() {
        try (RespClient c = node.client(); RespClient blocked = node.client()) {
            long blockedId = (Long) blocked.call("CLIENT", "ID");
            Object probe = c.call("COMMAND", "INFO", "blpop");
            assumeThat(((List<?>) probe).get(0)).isNotNull();
            blocked.send("BLPOP", "unblock-list", "0");
            awaitBlocked(c, blockedId);
            assertThat(c.call("CLIENT", "UNBLOCK", blockedId)).isEqualTo(1L);
            assertThat(blocked.read()).isNull();
            blocked.send("BLPOP", "unblock-list", "0");
            awaitBlocked(c, blockedId);
            assertThat(c.call("CLIENT", "UNBLOCK", blockedId, "ERROR")).isEqualTo(1L);
            assertThat(blocked.read()).isEqualTo(error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
            assertThat(blocked.call("PING")).isEqualTo("PONG");
        }
    }

    private static void awaitBlocked(RespClient c, long id) {
        for (int i = 0; i < 100; i++) {
            Map<String, String> entry = entry(parse(c.call("CLIENT", "LIST", "ID", id)), id);
            if (entry.get("flags").contains("b")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("client " + id + " never blocked");
    }

    @Test
    void noEvictTogglesTheFlagAndRejectsOtherValues() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CLIENT", "NO-EVICT", "on")).isEqualTo("OK");
            assertThat(parse(c.call("CLIENT", "INFO")).get(0).get("flags")).isEqualTo("e");
            assertThat(c.call("CLIENT", "NO-EVICT", "OFF")).isEqualTo("OK");
            assertThat(parse(c.call("CLIENT", "INFO")).get(0).get("flags")).isEqualTo("N");
            assertThat(c.call("CLIENT", "NO-EVICT", "maybe")).isEqualTo(error("ERR syntax error"));
        }
    }

    @Test
    void setinfoAcceptsLibraryNameAndVersionLikeRedis72() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CLIENT", "SETINFO", "LIB-NAME", "jedis")).isEqualTo("OK");
            assertThat(c.call("CLIENT", "SETINFO", "lib-ver", "5.1.0")).isEqualTo("OK");
            assertThat(c.call("CLIENT", "SETINFO", "lib-name", "a b"))
                    .isEqualTo(error("ERR lib-name cannot contain spaces, newlines or special characters."));
            assertThat(c.call("CLIENT", "SETINFO", "foo", "x")).isEqualTo(error("ERR Unrecognized option 'foo'"));
        }
    }

    @Test
    void trackingRelatedSubcommandsReportTrackingOff() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CLIENT", "GETREDIR")).isEqualTo(-1L);
            assertThat(c.call("CLIENT", "TRACKINGINFO")).isEqualTo(List.of("flags", List.of("off"), "redirect", -1L,
                    "prefixes", List.of()));
            assertThat(c.call("CLIENT", "CACHING", "yes")).isEqualTo(error("ERR CLIENT CACHING can be called only when "
                    + "the client is in tracking mode with OPTIN or OPTOUT mode enabled"));
        }
    }

    @Test
    void unknownSubcommandsAndHelpFollowRedis() {
        try (RespClient c = node.client()) {
            assertThat(c.call("CLIENT")).isEqualTo(error("ERR wrong number of arguments for 'client' command"));
            assertThat(c.call("CLIENT", "foo")).isEqualTo(error("ERR unknown subcommand 'foo'. Try CLIENT HELP."));
            @SuppressWarnings("unchecked")
            List<Object> help = (List<Object>) c.call("client", "help");
            assertThat(help.get(0)).isEqualTo("CLIENT <subcommand> [<arg> [value] [opt] ...]. Available subcommands:");
            assertThat(help).contains("KILL <ip:port>", "HELP", "    Shows this list.");
        }
    }
}
