package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys found expired when a command, SCAN, RANDOMKEY, a transaction, a script or a blocked
 * client looks them up are deleted, and a replica attached with PSYNC receives the same stream
 * (the DELs where Redis puts them) from the data node as from Debian's redis-server 7.0.15.
 */
class LazyExpirePropagationIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode("--enable-debug-command", "yes");

    /** Keys given a time to live of 1 ms in database 0, read by the commands below once it passed. */
    private static final String[] EXPIRING = {"get", "exists", "type", "ttl", "strlen", "llen", "hget", "sismember",
        "zscore", "object", "mget1", "mget2", "expire", "set", "lpush", "incr", "rename", "multi", "eval", "del", "touch"};

    private static final Object[][] READS = {
        {"GET", "get"}, {"EXISTS", "exists"}, {"TYPE", "type"}, {"TTL", "ttl"}, {"STRLEN", "strlen"}, {"LLEN", "llen"},
        {"HGET", "hget", "f"}, {"SISMEMBER", "sismember", "m"}, {"ZSCORE", "zscore", "m"}, {"OBJECT", "ENCODING", "object"},
        {"MGET", "mget1", "nokey", "mget2"}, {"EXPIRE", "expire", "100"}, {"SET", "set", "again"}, {"LPUSH", "lpush", "a"},
        {"INCR", "incr"}, {"RENAME", "rename", "renamed"}, {"MULTI"}, {"GET", "multi"}, {"SET", "x", "1"}, {"EXEC"},
        {"EVAL", "redis.call('get', KEYS[1]); return redis.call('set', KEYS[2], 'v')", "2", "eval", "y"},
        {"DEL", "del"}, {"TOUCH", "touch"},
    };

    @Test
    void aReplicaReceivesTheSameDelsAsFromRedis() throws Exception {
        List<String> theirs = stream(servers.redis());
        // What the script is meant to exercise: lookups, SCAN, RANDOMKEY and the served BLPOP delete.
        assertThat(theirs).contains("DEL get", "DEL multi", "DEL eval", "DEL only", "DEL bl", "DEL sw");
        assertThat(stream(servers.dataNode())).isEqualTo(theirs);
    }

    private static List<String> stream(ServerProcess server) throws Exception {
        try (RespClient client = server.client(); RespClient blocked = server.client();
                RespClient swapped = server.client(); Socket replica = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            client.call("FLUSHALL");
            client.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            ReplicationStream stream = new ReplicationStream(replica);
            for (String key : EXPIRING) {
                client.call("SET", key, "v", "PX", "1");
            }
            for (int db = 1; db <= 2; db++) {
                client.call("SELECT", db);
                client.call("SET", "only", "v", "PX", "1");
            }
            // A client blocked in database 3 on a list that a script fills and lets expire.
            client.call("SELECT", "3");
            blocked.call("SELECT", "3");
            blocked.send("BLPOP", "bl", "0");
            awaitBlocked(client, 1);
            // One blocked in database 9 on a key that SWAPDB brings in already expired.
            client.call("SELECT", "4");
            client.call("RPUSH", "sw", "x");
            client.call("PEXPIRE", "sw", "1");
            swapped.call("SELECT", "9");
            swapped.send("BRPOP", "sw", "0");
            awaitBlocked(client, 2);
            Thread.sleep(20); // the 1 ms times to live above pass
            client.call("SELECT", "0");
            for (Object[] command : READS) {
                client.call(command);
            }
            client.call("SELECT", "1");
            client.call("SCAN", "0");
            client.call("SELECT", "2");
            client.call("KEYS", "*");
            client.call("RANDOMKEY");
            client.call("SELECT", "3");
            client.call("EVAL", "redis.call('rpush', KEYS[1], 'x'); redis.call('pexpire', KEYS[1], 1);"
                    + " local s = redis.call('time'); local n = s;"
                    + " while (n[1] - s[1]) * 1000000 + (n[2] - s[2]) < 5000 do n = redis.call('time') end", "1", "bl");
            client.call("SWAPDB", "4", "9");
            client.call("SELECT", "0");
            client.call("SET", "end", "1");
            blocked.close();
            swapped.close();
            return stream.until("SET end 1");
        }
    }

    private static void awaitBlocked(RespClient client, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!String.valueOf(client.call("INFO", "clients")).contains("blocked_clients:" + count)) {
            assertThat(System.nanoTime()).as("client blocked within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** The replication stream a replica attached with PSYNC receives after the RDB (PINGs left out). */
    private static final class ReplicationStream {
        private final InputStream in;

        ReplicationStream(Socket socket) throws IOException {
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write("REPLCONF capa psync2\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(line()).isEqualTo("+OK");
            out.write("PSYNC ? -1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(line()).startsWith("+FULLRESYNC");
            String header = line();
            while (header.isEmpty()) {
                header = line(); // keep-alive newlines while the RDB is produced
            }
            assertThat(header).startsWith("$");
            long length = Long.parseLong(header.substring(1));
            for (long i = 0; i < length; i++) {
                if (in.read() < 0) {
                    throw new IOException("end of stream in the RDB");
                }
            }
        }

        /** The commands up to {@code last}, each as one line, absolute unix times in ms as "<ms>". */
        List<String> until(String last) throws IOException {
            List<String> commands = new ArrayList<>();
            while (true) {
                List<String> argv = command();
                String command = String.join(" ", argv).replaceAll("\\b1\\d{12}\\b", "<ms>");
                if (command.equals(last)) {
                    return commands;
                }
                if (!argv.get(0).equalsIgnoreCase("PING")) {
                    commands.add(command);
                }
            }
        }

        private List<String> command() throws IOException {
            String header = line();
            assertThat(header).startsWith("*");
            int count = Integer.parseInt(header.substring(1));
            List<String> argv = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = Integer.parseInt(line().substring(1));
                byte[] bytes = in.readNBytes(length + 2);
                argv.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
            }
            return argv;
        }

        private String line() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("end of stream");
                }
                if (c != '\r') {
                    out.write(c);
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
