package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.replication.ReplicationFixture.Node;
import io.replicatedstore.datanode.replication.ReplicationFixture.Writer;
import io.replicatedstore.datanode.server.PropagationFixture;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.replicatedstore.datanode.replication.ReplicationFixture.OURS;
import static io.replicatedstore.datanode.replication.ReplicationFixture.assertSameDataset;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitInSync;
import static io.replicatedstore.datanode.replication.ReplicationFixture.awaitWithLogs;
import static io.replicatedstore.datanode.replication.ReplicationFixture.closeAll;
import static io.replicatedstore.datanode.replication.ReplicationFixture.ok;
import static io.replicatedstore.datanode.replication.ReplicationFixture.populate;
import static io.replicatedstore.datanode.replication.ReplicationFixture.replication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Setting up and breaking replication between our data nodes, black box (real processes on
 * loopback): REPLICAOF at run time, on the command line and in a config file, SLAVEOF, REPLICAOF
 * NO ONE, authentication, host names and announced addresses, stale reads, switching masters, the
 * raw PSYNC exchange, and full syncs under write load. Each expectation is Redis 7.0's behaviour:
 * {@code -Dreplication.ours=redis} runs the same tests with redis-server in every role.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplicationIT {

    private Node master;
    private Node replica;
    private Node replica2;

    @AfterEach
    void stopAll() {
        closeAll(master, replica, replica2);
    }

    // ---------------------------------------------------------------- setting up and breaking

    @Test
    void replicaofAtRunTimeAnswersAtOnceAndRetriesUntilTheMasterIsUp() {
        replica = OURS.start();
        int port = TestNode.freePort();
        long start = System.nanoTime();
        assertThat(replica.call("REPLICAOF", "127.0.0.1", port)).isEqualTo("OK");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("REPLICAOF reply time").isLessThan(Duration.ofSeconds(1));
        assertThat(replication(replica)).containsEntry("role", "slave").containsEntry("master_port", Integer.toString(port))
                .containsEntry("master_link_status", "down").containsEntry("master_sync_in_progress", "0")
                .containsKey("master_link_down_since_seconds");

        master = OURS.startAt(port, ServerProcess.newDirectory("master"), null);
        populate(master.client(), "a", 5);
        awaitInSync(master, replica);
        assertSameDataset(master, replica);
        assertThat(replica.call("REPLICAOF", "127.0.0.1", port)).isEqualTo("OK Already connected to specified master");
    }

    @Test
    void replicaofFromTheCommandLineAndFromAConfigFile() throws Exception {
        master = OURS.start();
        populate(master.client(), "c", 5);
        replica = OURS.start("--replicaof", "127.0.0.1", Integer.toString(master.port()));
        Path dir = ServerProcess.newDirectory("conf");
        Path conf = dir.resolve("replica.conf");
        Files.writeString(conf, "# a replica set up by its config file\nreplicaof 127.0.0.1 " + master.port() + "\n");
        replica2 = OURS.startAt(TestNode.freePort(), dir, conf);

        awaitInSync(master, replica);
        awaitInSync(master, replica2);
        assertSameDataset(master, replica);
        assertSameDataset(master, replica2);
        assertThat(master.info("replication", "connected_slaves")).isEqualTo("2");
    }

    @Test
    void slaveofAttachesAndReplicaofNoOneKeepsTheDataAndShiftsTheReplicationId() {
        master = OURS.start();
        replica = OURS.start();
        populate(master.client(), "n", 5);
        assertThat(replica.call("SLAVEOF", "127.0.0.1", master.port())).isEqualTo("OK");
        awaitInSync(master, replica);
        ok(master.call("SET", "after-sync", "1"));
        awaitInSync(master, replica);
        Map<String, List<Object>> before = PropagationFixture.dump(replica.client());
        Map<String, String> was = replication(replica);
        assertThat(was.get("master_replid")).isEqualTo(master.info("replication", "master_replid"));

        assertThat(replica.call("REPLICAOF", "NO", "ONE")).isEqualTo("OK");

        Map<String, String> now = replication(replica);
        assertThat(now).containsEntry("role", "master")
                .containsEntry("master_replid2", was.get("master_replid"))
                .containsEntry("second_repl_offset", Long.toString(Long.parseLong(was.get("master_repl_offset")) + 1))
                .containsEntry("master_repl_offset", was.get("master_repl_offset"));
        assertThat(now.get("master_replid")).matches("[0-9a-f]{40}").isNotEqualTo(was.get("master_replid"));
        assertThat(PropagationFixture.dump(replica.client())).isEqualTo(before);
        ok(replica.call("SET", "writable-now", "yes"));
        assertThat(master.call("EXISTS", "writable-now")).isEqualTo(0L);
    }

    @Test
    void replicaAuthenticatesReachesItsMasterByNameAndAnnouncesItsAddress() {
        master = OURS.start("--requirepass", "s3cret");
        populate(master.client(), "auth", 3);
        replica = OURS.start("--replica-announce-ip", "10.1.2.3", "--replica-announce-port", "7777");
        assertThat(replica.call("REPLICAOF", "localhost", master.port())).isEqualTo("OK");
        // Without the password the master refuses the handshake.
        awaitWithLogs("a refused handshake, retried", Duration.ofSeconds(5),
                () -> assertThat(replication(replica)).containsEntry("master_host", "localhost")
                        .containsEntry("master_link_status", "down"), master, replica);
        assertThat(master.info("replication", "connected_slaves")).isEqualTo("0");

        ok(replica.call("CONFIG", "SET", "masterauth", "s3cret"));
        awaitWithLogs("link up with masterauth", ReplicationFixture.SYNC_TIMEOUT,
                () -> assertThat(replication(replica)).containsEntry("master_link_status", "up"), master, replica);
        awaitWithLogs("the announced address", Duration.ofSeconds(5), () -> {
            assertThat(master.info("replication", "slave0")).startsWith("ip=10.1.2.3,port=7777,state=online,");
            assertThat(master.call("ROLE")).asList().element(2).asList().first().asList().startsWith("10.1.2.3", "7777");
        }, master, replica);
        awaitInSync(master, replica);
        assertSameDataset(master, replica);
    }

    @Test
    void replicaWithoutItsMasterRefusesStaleReadsWhenToldTo() {
        replica = OURS.start("--replica-serve-stale-data", "no");
        ok(replica.call("SET", "k", "v"));
        assertThat(replica.call("REPLICAOF", "127.0.0.1", TestNode.freePort())).isEqualTo("OK");
        assertThat(replica.call("GET", "k")).isEqualTo(new RespClient.Error(
                "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."));
        assertThat(replica.call("INFO", "replication")).asString().contains("master_link_status:down");
        ok(replica.call("CONFIG", "SET", "replica-serve-stale-data", "yes"));
        assertThat(replica.call("GET", "k")).isEqualTo("v");
    }

    @Test
    void switchingToAnotherMasterReplacesTheDataset() {
        master = OURS.start();
        replica2 = OURS.start(); // the second master, with a history of its own
        replica = OURS.start();
        populate(master.client(), "one", 5);
        populate(replica2.client(), "two", 4);
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        assertThat(replica.replicaOf(replica2)).isEqualTo("OK");
        awaitInSync(replica2, replica);
        assertThat(replica.info("replication", "master_replid")).isEqualTo(replica2.info("replication", "master_replid"));
        assertSameDataset(replica2, replica);
        assertThat(replica.call("EXISTS", "one0:0:str")).isEqualTo(0L);
    }

    /**
     * Every write of a dataset (big lists, hashes, sets and sorted sets among them) goes through
     * the stream to a replica that synced while the master was empty: each command larger than
     * any before it once grew the master's encoding buffer and was dropped from the stream (the
     * cause of restartedMasterWithANewReplicationIdForcesAFullResync's flakiness).
     */
    @Test
    void aDatasetWrittenAfterTheSyncReachesTheReplicaWhole() {
        master = OURS.start();
        replica = OURS.start();
        assertThat(replica.replicaOf(master)).isEqualTo("OK");
        awaitInSync(master, replica);
        populate(master.client(), "streamed", 3);
        awaitInSync(master, replica);
        assertSameDataset(master, replica);
    }

    @Test
    void psyncFromARawClientGetsTheRdbThenTheMastersStream() throws Exception {
        master = OURS.start("--repl-diskless-sync", "no");
        ok(master.call("SET", "before", "1"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), master.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            socket.getOutputStream().write("*3\r\n$5\r\nPSYNC\r\n$1\r\n?\r\n$2\r\n-1\r\n".getBytes());
            String fullresync = rawLine(in);
            assertThat(fullresync).matches("\\+FULLRESYNC [0-9a-f]{40} \\d+");
            assertThat(fullresync.split(" ")[1]).isEqualTo(master.info("replication", "master_replid"));
            String header;
            do {
                header = rawLine(in); // newlines keep the link alive while the RDB is produced
            } while (header.isEmpty());
            assertThat(header).matches("\\$\\d+");
            byte[] rdb = in.readNBytes(Integer.parseInt(header.substring(1)));
            assertThat(new String(rdb, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("REDIS");
            assertThat(new String(rdb, StandardCharsets.ISO_8859_1)).contains("before");

            ok(master.call("SET", "after", "2"));
            String expected = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$5\r\nafter\r\n$1\r\n2\r\n";
            byte[] stream = in.readNBytes(expected.length());
            assertThat(new String(stream, StandardCharsets.US_ASCII)).isEqualTo(expected);
            assertThat(master.info("replication", "master_repl_offset"))
                    .isEqualTo(Long.toString(Long.parseLong(fullresync.split(" ")[2]) + expected.length()));
        }
    }

    @Test
    void disklessTransferEndsAtTheMarkAndTheStreamWaitsForTheFirstAck() throws Exception {
        master = OURS.start("--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0");
        ok(master.call("SET", "before", "1"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), master.port())) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("*5\r\n$8\r\nREPLCONF\r\n$4\r\ncapa\r\n$3\r\neof\r\n$4\r\ncapa\r\n$6\r\npsync2\r\n".getBytes());
            assertThat(rawLine(in)).isEqualTo("+OK");
            out.write("*3\r\n$5\r\nPSYNC\r\n$1\r\n?\r\n$2\r\n-1\r\n".getBytes());
            String fullresync = rawLine(in);
            assertThat(fullresync).matches("\\+FULLRESYNC [0-9a-f]{40} \\d+");
            String header;
            do {
                header = rawLine(in);
            } while (header.isEmpty());
            assertThat(header).matches("\\$EOF:[0-9a-f]{40}");
            byte[] mark = header.substring(5).getBytes(StandardCharsets.US_ASCII);
            // Read until the last 40 bytes are the mark, as a Redis replica does.
            ByteArrayOutputStream rdb = new ByteArrayOutputStream();
            while (rdb.size() < mark.length || !Arrays.equals(mark,
                    Arrays.copyOfRange(rdb.toByteArray(), rdb.size() - mark.length, rdb.size()))) {
                rdb.write(in.read());
            }
            // A write after the transfer is held: a replica that read past the mark would never see it.
            ok(master.call("SET", "after", "2"));
            socket.setSoTimeout(300);
            assertThatThrownBy(in::read).as("bytes after the EOF mark before the first ACK")
                    .isInstanceOf(SocketTimeoutException.class);
            socket.setSoTimeout(10_000);
            out.write("*3\r\n$8\r\nREPLCONF\r\n$3\r\nACK\r\n$1\r\n0\r\n".getBytes());
            String expected = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$5\r\nafter\r\n$1\r\n2\r\n";
            assertThat(new String(in.readNBytes(expected.length()), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    private static String rawLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed after " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }


    // ---------------------------------------------------------------- full sync

    @ParameterizedTest(name = "repl-diskless-sync {0}")
    @ValueSource(strings = {"no", "yes"})
    void fullSyncWithWritesDuringTheTransferLosesNothing(String diskless) {
        master = OURS.start("--repl-diskless-sync", diskless, "--repl-diskless-sync-delay", "0");
        replica = OURS.start();
        populate(master.client(), "f", 300);
        try (Writer writer = new Writer(master)) {
            writer.awaitProgress(20);
            long atReplicaof = writer.acknowledged.get();
            assertThat(replica.replicaOf(master)).isEqualTo("OK");
            awaitWithLogs("link up", ReplicationFixture.SYNC_TIMEOUT,
                    () -> assertThat(replication(replica)).containsEntry("master_link_status", "up"), master, replica);
            assertThat(writer.acknowledged.get()).as("writes acknowledged by the master while the replica synced")
                    .isGreaterThan(atReplicaof);
            writer.awaitProgress(50);
            writer.stop();
            assertThat(writer.error.get()).as("writer error").isNull();
            awaitInSync(master, replica);
            assertThat(replica.call("GET", "counter")).isEqualTo(Long.toString(writer.lastCounter.get()));
        }
        assertSameDataset(master, replica);
        assertThat(master.stat("sync_full")).isEqualTo(1);
    }
}
