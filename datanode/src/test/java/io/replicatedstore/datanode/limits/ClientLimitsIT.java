package io.replicatedstore.datanode.limits;

import io.replicatedstore.datanode.limits.MisbehavingClients.Pinger;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

import static io.replicatedstore.datanode.limits.MisbehavingClients.await;
import static io.replicatedstore.datanode.limits.MisbehavingClients.clientLine;
import static io.replicatedstore.datanode.limits.MisbehavingClients.command;
import static io.replicatedstore.datanode.limits.MisbehavingClients.field;
import static io.replicatedstore.datanode.limits.MisbehavingClients.nonReader;
import static io.replicatedstore.datanode.limits.MisbehavingClients.rssMb;
import static io.replicatedstore.datanode.limits.MisbehavingClients.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Misbehaving clients against a real data node process: while each one runs, another client's
 * PINGs keep being answered and the process's memory stays bounded. (The data node runs with
 * -Xmx512m; a client that could make it hold its output unbounded would take it far past that.)
 */
class ClientLimitsIT {

    private static final String OUTPUT_LIMIT_LOG = "scheduled to be closed ASAP for overcoming of output buffer limits.";
    private static final long RSS_BOUND_MB = 400;

    @Test
    void aClientPipeliningLargeGetsWithoutReadingStallsNobodyAndIsHeldBackByBackpressure() throws Exception {
        try (ServerProcess node = ServerProcess.dataNode(); RespClient admin = node.client()) {
            admin.call("SET", "big", "a".repeat(1024 * 1024));
            try (Pinger pinger = new Pinger(node.port(), null); Socket hog = nonReader(node.port())) {
                StringBuilder pipeline = new StringBuilder(command("CLIENT", "SETNAME", "hog"));
                pipeline.append(command("GET", "big").repeat(1500));
                send(hog, pipeline.toString());
                assertThat(await(Duration.ofSeconds(30), () -> {
                    String line = clientLine(admin, "hog");
                    return line != null && line.contains("cmd=get");
                })).as("the non-reader's GETs ran").isTrue();
                assertThat(pinger.awaitMore(300)).as("PINGs answered while the hog holds output: " + pinger.failure()).isTrue();
                String line = clientLine(admin, "hog");
                assertThat(line).as("the hog is held back, not closed (normal 0 0 0)").isNotNull();
                // Backpressure: it stops being read once about 8 MB wait, so it holds little more than that.
                assertThat(field(line, "omem") + field(line, "obl")).isLessThan(64L * 1024 * 1024);
                assertThat(rssMb(node)).isLessThan(RSS_BOUND_MB);
                hog.close();
                assertThat(await(Duration.ofSeconds(30), () -> clientLine(admin, "hog") == null)).isTrue();
                assertThat(pinger.awaitMore(100)).as("PINGs answered after the hog left").isTrue();
                pinger.logLatencies("data node, PINGs beside a 1 MB GET non-reader");
            }
        }
    }

    @Test
    void anUnauthenticatedClientThatDoesNotReadIsClosedOnBothServers() throws Exception {
        for (ServerProcess server : new ServerProcess[] {
            ServerProcess.redis("--requirepass", "secret"), ServerProcess.dataNode("--requirepass", "secret")}) {
            try (server; Pinger pinger = new Pinger(server.port(), "secret"); Socket amplifier = nonReader(server.port())) {
                boolean closed = false;
                byte[] lines = "x\n".repeat(10_000).getBytes();
                try {
                    amplifier.setSoTimeout(5_000);
                    for (int i = 0; i < 200; i++) { // 2 million lines at most: ~70 MB of NOAUTH errors
                        amplifier.getOutputStream().write(lines);
                    }
                } catch (IOException e) {
                    closed = true; // the server closed the connection
                }
                if (!closed) {
                    closed = drainsToEnd(amplifier);
                }
                assertThat(closed).as("the amplifier was disconnected").isTrue();
                assertThat(pinger.awaitMore(100)).as("PINGs answered: " + pinger.failure()).isTrue();
                assertThat(server.logTail()).contains(OUTPUT_LIMIT_LOG);
                assertThat(rssMb(server)).isLessThan(RSS_BOUND_MB);
                String name = server.logTail().contains("Redis is starting") ? "redis-server" : "data node";
                pinger.logLatencies(name + ", PINGs beside an unauthenticated amplifier");
            }
        }
    }

    /** Reads what the server sent until it closes the connection (true) or stops sending (false). */
    private static boolean drainsToEnd(Socket socket) {
        try {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Test
    void slowSubscribersOfABusyPublisherAreDroppedAtThePubsubLimitAndThePublisherIsNot() throws Exception {
        try (ServerProcess node = ServerProcess.dataNode("--client-output-buffer-limit", "pubsub 4mb 1mb 1");
             RespClient admin = node.client(); RespClient publisher = node.client();
             Pinger pinger = new Pinger(node.port(), null)) {
            Socket[] subscribers = new Socket[3];
            for (int i = 0; i < subscribers.length; i++) {
                subscribers[i] = nonReader(node.port());
                send(subscribers[i], command("CLIENT", "SETNAME", "slow" + i) + command("SUBSCRIBE", "news"));
            }
            assertThat(await(Duration.ofSeconds(30), () -> String.valueOf(admin.call("PUBSUB", "NUMSUB", "news")).contains("3")))
                    .isTrue();
            String message = "m".repeat(10_000);
            for (int batch = 0; batch < 40 && String.valueOf(admin.call("CLIENT", "LIST", "TYPE", "pubsub")).contains("slow"); batch++) {
                for (int i = 0; i < 100; i++) {
                    publisher.send("PUBLISH", "news", message);
                }
                for (int i = 0; i < 100; i++) {
                    assertThat(publisher.read()).isInstanceOf(Long.class);
                }
            }
            assertThat(await(Duration.ofSeconds(30), () -> !String.valueOf(admin.call("CLIENT", "LIST")).contains("name=slow")))
                    .as("every slow subscriber was dropped").isTrue();
            assertThat(publisher.call("PING")).isEqualTo("PONG");
            assertThat(pinger.awaitMore(100)).as("PINGs answered: " + pinger.failure()).isTrue();
            assertThat(node.logTail()).contains(OUTPUT_LIMIT_LOG).contains("flags=P");
            assertThat(rssMb(node)).isLessThan(RSS_BOUND_MB);
            pinger.logLatencies("data node, PINGs beside a publisher with slow subscribers");
            for (Socket subscriber : subscribers) {
                subscriber.close();
            }
        }
    }

    @Test
    void aReplicaThatStopsReadingDuringItsSyncIsDroppedAtTheReplicaLimit() throws Exception {
        try (ServerProcess node = ServerProcess.dataNode("--client-output-buffer-limit", "replica 2mb 1mb 60",
                "--repl-backlog-size", "1mb", "--repl-diskless-sync-delay", "0");
             RespClient admin = node.client(); Pinger pinger = new Pinger(node.port(), null);
             Socket replica = nonReader(node.port())) {
            // A diskless full sync whose replica never acknowledges: the stream after the snapshot is held for it.
            send(replica, command("REPLCONF", "capa", "eof", "capa", "psync2") + command("PSYNC", "?", "-1"));
            assertThat(await(Duration.ofSeconds(30), () -> String.valueOf(admin.call("INFO", "replication"))
                    .contains("connected_slaves:1"))).isTrue();
            String value = "v".repeat(100_000);
            for (int i = 0; i < 100 && String.valueOf(admin.call("INFO", "replication")).contains("connected_slaves:1"); i++) {
                assertThat(admin.call("SET", "key" + i, value)).isEqualTo("OK");
            }
            assertThat(await(Duration.ofSeconds(30), () -> String.valueOf(admin.call("INFO", "replication"))
                    .contains("connected_slaves:0"))).as("the replica was dropped").isTrue();
            assertThat(node.logTail()).contains(OUTPUT_LIMIT_LOG).contains("flags=S");
            assertThat(pinger.awaitMore(100)).as("PINGs answered: " + pinger.failure()).isTrue();
            assertThat(rssMb(node)).isLessThan(RSS_BOUND_MB);
        }
    }

    @Test
    void aQueryBufferOverClientQueryBufferLimitClosesTheClientOnBothServers() throws Exception {
        for (ServerProcess server : new ServerProcess[] {ServerProcess.redis(), ServerProcess.dataNode()}) {
            try (server; RespClient admin = server.client(); Pinger pinger = new Pinger(server.port(), null)) {
                assertThat(admin.call("CONFIG", "SET", "client-query-buffer-limit", "1mb")).isEqualTo("OK");
                try (Socket big = nonReader(server.port())) {
                    // A 3 MB argument of which 1.5 MB is sent: the request never completes, the buffer passes 1 MB.
                    send(big, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n");
                    boolean closed = false;
                    try {
                        for (int i = 0; i < 24; i++) {
                            send(big, "a".repeat(64 * 1024));
                        }
                    } catch (IOException e) {
                        closed = true;
                    }
                    assertThat(closed || drainsToEnd(big)).as("the client was disconnected").isTrue();
                }
                assertThat(server.logTail()).contains("Closing client that reached max query buffer length");
                assertThat(pinger.awaitMore(50)).as("PINGs answered: " + pinger.failure()).isTrue();
                assertThat(admin.call("EXISTS", "k")).isEqualTo(0L);
            }
        }
    }

    @Test
    void overMaxmemoryClientsTheLargestClientIsEvictedUnlessItIsNoEvictOnBothServers() throws Exception {
        for (ServerProcess server : new ServerProcess[] {ServerProcess.redis(), ServerProcess.dataNode()}) {
            try (server; RespClient admin = server.client();
                 Socket protectedHog = nonReader(server.port()); Socket hog = nonReader(server.port())) {
                admin.call("CLIENT", "NO-EVICT", "on"); // it sent a 1 MB argument: its query buffer may be the largest
                admin.call("SET", "big", "a".repeat(1024 * 1024));
                assertThat(admin.call("CONFIG", "SET", "maxmemory-clients", "4mb")).isEqualTo("OK");
                send(protectedHog, command("CLIENT", "NO-EVICT", "on") + command("CLIENT", "SETNAME", "kept"));
                assertThat(await(Duration.ofSeconds(10), () -> clientLine(admin, "kept") != null)).isTrue();
                send(hog, command("CLIENT", "SETNAME", "hog") + command("GET", "big").repeat(20));
                assertThat(await(Duration.ofSeconds(30), () -> clientLine(admin, "hog") == null))
                        .as("the hog was evicted").isTrue();
                assertThat(server.info("stats").get("evicted_clients")).isEqualTo("1");
                assertThat(server.logTail()).contains("Evicting client: ").contains("name=hog");
                // The no-evict client may hold as much: it stays.
                send(protectedHog, command("GET", "big").repeat(20));
                assertThat(await(Duration.ofSeconds(30), () -> {
                    String line = clientLine(admin, "kept");
                    return line != null && field(line, "omem") > 4 * 1024 * 1024;
                })).as("the no-evict client holds more than the limit and stays").isTrue();
                assertThat(clientLine(admin, "kept")).contains("flags=e");
            }
        }
    }
}
