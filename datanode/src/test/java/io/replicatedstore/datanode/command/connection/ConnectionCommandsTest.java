package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionCommandsTest {

    private static final RespClient.Error NOAUTH = new RespClient.Error("NOAUTH Authentication required.");
    private static final RespClient.Error WRONGPASS =
            new RespClient.Error("WRONGPASS invalid username-password pair or user is disabled.");
    private static final RespClient.Error HELLO_NOAUTH = new RespClient.Error("NOAUTH HELLO must be called with the "
            + "client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate "
            + "the client and select the RESP protocol version at the same time");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();
    @RegisterExtension
    static final NodeExtension secured = NodeExtension.start("--requirepass", "secret");

    /** Runs on the node's command thread, where client state may be read. */
    private static <T> T onServer(NodeExtension on, Callable<T> task) throws Exception {
        return on.node().server().eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    }

    private static Client serverSide(NodeExtension on, long id) throws Exception {
        return onServer(on, () -> on.node().server().client(id));
    }

    private static String nameOf(NodeExtension on, Client client) throws Exception {
        return onServer(on, () -> client.name());
    }

    private static long clientId(RespClient client) {
        Object hello = client.call("HELLO");
        if (hello instanceof Map<?, ?> map) {
            return (Long) map.get("id");
        }
        List<?> flat = (List<?>) hello;
        return (Long) flat.get(flat.indexOf("id") + 1);
    }

    // ECHO, SELECT, QUIT

    @Test
    void echoRepliesWithItsArgument() {
        try (RespClient client = node.client()) {
            assertThat(client.call("ECHO", "hello world")).isEqualTo("hello world");
            assertThat(client.call("ECHO", "")).isEqualTo("");
            assertThat(client.call("ECHO")).isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'echo' command"));
        }
    }

    @Test
    void selectSwitchesTheDatabaseAndValidatesTheIndex() {
        try (RespClient client = node.client()) {
            assertThat(client.call("SELECT", "7")).isEqualTo("OK");
            assertThat(client.call("SET", "select-key", "in7")).isEqualTo("OK");
            assertThat(client.call("SELECT", "0")).isEqualTo("OK");
            assertThat(client.call("GET", "select-key")).isNull();
            assertThat(client.call("SELECT", "7")).isEqualTo("OK");
            assertThat(client.call("GET", "select-key")).isEqualTo("in7");
            assertThat(client.call("DEL", "select-key")).isEqualTo(1L);

            assertThat(client.call("SELECT", "16")).isEqualTo(new RespClient.Error("ERR DB index is out of range"));
            assertThat(client.call("SELECT", "-1")).isEqualTo(new RespClient.Error("ERR DB index is out of range"));
            assertThat(client.call("SELECT", "x")).isEqualTo(new RespClient.Error("ERR value is not an integer or out of range"));
            assertThat(client.call("SELECT", "4294967296")).isEqualTo(new RespClient.Error(
                    "ERR value is out of range, value must between -2147483648 and 2147483647"));
        }
    }

    @Test
    void quitRepliesOkAndClosesTheConnectionIgnoringPipelinedCommands() {
        try (RespClient client = node.client()) {
            client.sendRaw("*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n");
            assertThat(client.read()).isEqualTo("OK");
            assertThat(client.isClosedByServer()).isTrue();
        }
        try (RespClient client = node.client()) {
            assertThat(client.call("QUIT", "ignored", "arguments")).isEqualTo("OK");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    // AUTH

    @Test
    void authWithoutAConfiguredPasswordExplainsTheMistake() {
        try (RespClient client = node.client()) {
            assertThat(client.call("AUTH", "whatever")).isEqualTo(new RespClient.Error("ERR AUTH <password> called "
                    + "without any password configured for the default user. Are you sure your configuration is correct?"));
            assertThat(client.call("AUTH", "default", "anything")).isEqualTo("OK");
            assertThat(client.call("AUTH", "someone", "anything")).isEqualTo(WRONGPASS);
            assertThat(client.call("AUTH", "a", "b", "c")).isEqualTo(new RespClient.Error("ERR syntax error"));
        }
    }

    @Test
    void commandsNeedAuthenticationWhenAPasswordIsRequired() {
        try (RespClient client = secured.client()) {
            assertThat(client.call("PING")).isEqualTo(NOAUTH);
            assertThat(client.call("GET", "k")).isEqualTo(NOAUTH);
            assertThat(client.call("SELECT", "1")).isEqualTo(NOAUTH);
            assertThat(client.call("MULTI")).isEqualTo(NOAUTH);
            assertThat(client.call("NOSUCHCOMMAND")).isEqualTo(new RespClient.Error(
                    "ERR unknown command 'NOSUCHCOMMAND', with args beginning with: "));
        }
    }

    @Test
    void authWithThePasswordOrDefaultUserAuthenticates() {
        try (RespClient client = secured.client()) {
            assertThat(client.call("AUTH", "wrong")).isEqualTo(WRONGPASS);
            assertThat(client.call("AUTH", "secre")).isEqualTo(WRONGPASS);
            assertThat(client.call("AUTH", "secret2")).isEqualTo(WRONGPASS);
            assertThat(client.call("AUTH", "")).isEqualTo(WRONGPASS);
            assertThat(client.call("AUTH", "DEFAULT", "secret")).isEqualTo(WRONGPASS);
            assertThat(client.call("AUTH", "other", "secret")).isEqualTo(WRONGPASS);
            assertThat(client.call("PING")).isEqualTo(NOAUTH);

            assertThat(client.call("AUTH", "secret")).isEqualTo("OK");
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("AUTH", "default", "secret")).isEqualTo("OK");
        }
    }

    @Test
    void aFailedAuthKeepsAnAuthenticatedConnectionAuthenticated() {
        try (RespClient client = secured.client()) {
            assertThat(client.call("AUTH", "secret")).isEqualTo("OK");
            assertThat(client.call("AUTH", "wrong")).isEqualTo(WRONGPASS);
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void quitAndResetWorkBeforeAuthentication() {
        try (RespClient client = secured.client()) {
            assertThat(client.call("RESET")).isEqualTo("RESET");
            assertThat(client.call("QUIT")).isEqualTo("OK");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    // HELLO

    @Test
    void helloThreeSwitchesToResp3AndDescribesTheServer() {
        try (RespClient client = node.client()) {
            Object reply = client.call("HELLO", "3");
            assertThat(reply).isInstanceOf(Map.class);
            Map<?, ?> map = (Map<?, ?>) reply;
            assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("server", "version", "proto", "id", "mode", "role", "modules"));
            assertThat(map.get("server")).isEqualTo("redis");
            assertThat(map.get("version")).isEqualTo(Server.VERSION);
            assertThat(map.get("proto")).isEqualTo(3L);
            assertThat((Long) map.get("id")).isPositive();
            assertThat(map.get("mode")).isEqualTo("standalone");
            assertThat(map.get("role")).isEqualTo("master");
            assertThat(map.get("modules")).isEqualTo(List.of());

            // without a version the protocol stays as it is
            assertThat(((Map<?, ?>) client.call("HELLO")).get("proto")).isEqualTo(3L);
            // RESP3 types are now used, e.g. a map for HGETALL
            assertThat(client.call("HSET", "hello-hash", "f", "v")).isEqualTo(1L);
            assertThat(client.call("HGETALL", "hello-hash")).isEqualTo(Map.of("f", "v"));
            assertThat(client.call("DEL", "hello-hash")).isEqualTo(1L);
        }
    }

    @Test
    void helloTwoRepliesWithAFlatArray() {
        try (RespClient client = node.client()) {
            Object reply = client.call("HELLO", "2");
            assertThat(reply).isInstanceOf(List.class);
            List<?> flat = (List<?>) reply;
            assertThat(flat).hasSize(14);
            assertThat(flat.subList(0, 6)).isEqualTo(List.of("server", "redis", "version", Server.VERSION, "proto", 2L));
            assertThat(flat.subList(8, 14)).isEqualTo(List.of("mode", "standalone", "role", "master", "modules", List.of()));
        }
    }

    @Test
    void helloRejectsBadVersionsAndOptionsWithoutChangingTheProtocol() {
        try (RespClient client = node.client()) {
            assertThat(client.call("HELLO", "4")).isEqualTo(new RespClient.Error("NOPROTO unsupported protocol version"));
            assertThat(client.call("HELLO", "1")).isEqualTo(new RespClient.Error("NOPROTO unsupported protocol version"));
            assertThat(client.call("HELLO", "three")).isEqualTo(
                    new RespClient.Error("ERR Protocol version is not an integer or out of range"));
            assertThat(client.call("HELLO", "3", "BOGUS")).isEqualTo(
                    new RespClient.Error("ERR Syntax error in HELLO option 'BOGUS'"));
            assertThat(client.call("HELLO", "3", "AUTH", "default")).isEqualTo(
                    new RespClient.Error("ERR Syntax error in HELLO option 'AUTH'"));
            assertThat(client.call("HELLO", "3", "SETNAME", "has space")).isEqualTo(
                    new RespClient.Error("ERR Client names cannot contain spaces, newlines or special characters."));
            assertThat(client.call("HELLO", "3", "AUTH", "nobody", "pw")).isEqualTo(WRONGPASS);
            assertThat(client.call("HELLO")).isInstanceOf(List.class); // still RESP2
        }
    }

    @Test
    void helloSetNameNamesTheConnection() throws Exception {
        try (RespClient client = node.client()) {
            long id = clientId(client);
            assertThat(client.call("HELLO", "3", "SETNAME", "worker-1")).isInstanceOf(Map.class);
            Client onServer = serverSide(node, id);
            assertThat(nameOf(node, onServer)).isEqualTo("worker-1");
            assertThat(client.call("HELLO", "2", "setname", "")).isInstanceOf(List.class);
            assertThat(nameOf(node, onServer)).isEmpty();
        }
    }

    @Test
    void helloWithoutAuthIsRefusedOnAProtectedServer() {
        try (RespClient client = secured.client()) {
            assertThat(client.call("HELLO", "3")).isEqualTo(HELLO_NOAUTH);
            assertThat(client.call("HELLO")).isEqualTo(HELLO_NOAUTH);
            assertThat(client.call("HELLO", "3", "AUTH", "default", "wrong")).isEqualTo(WRONGPASS);
            assertThat(client.call("PING")).isEqualTo(NOAUTH);
        }
    }

    @Test
    void helloWithAuthAuthenticatesAndSwitchesProtocolAtOnce() {
        try (RespClient client = secured.client()) {
            Object reply = client.call("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "app");
            assertThat(reply).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) reply).get("proto")).isEqualTo(3L);
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void aWrongHelloAuthLeavesTheProtocolUnchanged() {
        try (RespClient client = secured.client()) {
            assertThat(client.call("AUTH", "secret")).isEqualTo("OK");
            assertThat(client.call("HELLO", "3", "AUTH", "default", "wrong")).isEqualTo(WRONGPASS);
            assertThat(client.call("HELLO")).isInstanceOf(List.class);
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
    }

    // RESET

    @Test
    void resetRestoresTheInitialConnectionState() throws Exception {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            long id = clientId(client);
            assertThat(client.call("SELECT", "9")).isEqualTo("OK");
            assertThat(client.call("SET", "reset-key", "db9")).isEqualTo("OK");
            assertThat(client.call("HELLO", "3", "SETNAME", "named")).isInstanceOf(Map.class);
            assertThat(client.call("WATCH", "reset-key")).isEqualTo("OK");
            assertThat(client.call("SUBSCRIBE", "reset-channel")).isEqualTo(
                    new RespClient.Push(List.of("subscribe", "reset-channel", 1L)));
            assertThat(client.call("PSUBSCRIBE", "reset-*")).isEqualTo(
                    new RespClient.Push(List.of("psubscribe", "reset-*", 2L)));
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "reset-key", "queued")).isEqualTo("QUEUED");

            assertThat(client.call("RESET")).isEqualTo("RESET");

            // no transaction, no subscriptions, db 0, RESP2, no name
            assertThat(client.call("EXEC")).isEqualTo(new RespClient.Error("ERR EXEC without MULTI"));
            assertThat(other.call("PUBSUB", "NUMSUB", "reset-channel")).isEqualTo(List.of("reset-channel", 0L));
            assertThat(other.call("PUBSUB", "NUMPAT")).isEqualTo(0L);
            assertThat(client.call("GET", "reset-key")).isNull();
            assertThat(client.call("HELLO")).isInstanceOf(List.class);
            Client onServer = serverSide(node, id);
            assertThat(nameOf(node, onServer)).isEmpty();
            assertThat(onServer(node, () -> onServer.watched().isEmpty())).isTrue();

            assertThat(client.call("SELECT", "9")).isEqualTo("OK");
            assertThat(client.call("GET", "reset-key")).isEqualTo("db9");
            assertThat(client.call("DEL", "reset-key")).isEqualTo(1L);
        }
    }

    @Test
    void resetLeavesMonitorMode() throws Exception {
        try (RespClient client = node.client()) {
            long id = clientId(client);
            Client onServer = serverSide(node, id);
            Server server = node.node().server();
            onServer(node, () -> {
                onServer.monitor(true);
                return server.monitors().add(onServer);
            });
            assertThat(client.call("RESET")).isEqualTo("RESET");
            assertThat(onServer(node, onServer::isMonitor)).isFalse();
            assertThat(onServer(node, () -> server.monitors().contains(onServer))).isFalse();
        }
    }

    @Test
    void resetOnAProtectedServerRequiresAuthenticationAgain() {
        try (RespClient client = secured.client()) {
            assertThat(client.call("AUTH", "secret")).isEqualTo("OK");
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("RESET")).isEqualTo("RESET");
            assertThat(client.call("PING")).isEqualTo(NOAUTH);
        }
    }

    @Test
    void resetOnAnOpenServerStaysAuthenticated() {
        try (RespClient client = node.client()) {
            assertThat(client.call("RESET")).isEqualTo("RESET");
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("RESET", "extra")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'reset' command"));
        }
    }
}
