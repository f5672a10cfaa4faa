package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP and BITFIELD commands give the same replies and
 * leave the same bytes as Debian's redis-server, ranges and offsets chosen around string ends.
 */
class BitsDifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    private static final String[] KEYS = {"b1", "b2", "b3"};

    @Test
    void randomBitCommandsAnswerAndStoreAsRedisDoes() {
        Random random = new Random(16);
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                client.call("SET", "b1", "foobar");
                client.call("SET", "b2", new byte[] {(byte) 0xff, (byte) 0xff, 0, (byte) 0x80});
            }
            for (int i = 0; i < 6000; i++) {
                Object[] command = command(random);
                Object expected = theirs.call(command);
                assertThat(mine.call(command)).as("%d: %s", i, Arrays.deepToString(command)).isEqualTo(expected);
                if (i % 50 == 0) {
                    for (String key : KEYS) {
                        assertThat(mine.callBytes("GET", key)).as("GET %s after %d", key, i).isEqualTo(theirs.callBytes("GET", key));
                    }
                }
            }
        }
    }

    private static Object[] command(Random r) {
        String key = KEYS[r.nextInt(KEYS.length)];
        switch (r.nextInt(7)) {
            case 0:
                return new Object[] {"SETBIT", key, String.valueOf(r.nextInt(200)), String.valueOf(r.nextInt(10) == 0 ? 2 : r.nextInt(2))};
            case 1:
                return new Object[] {"GETBIT", key, String.valueOf(r.nextInt(220))};
            case 2: {
                List<Object> c = new ArrayList<>(List.of("BITCOUNT", key));
                if (r.nextInt(4) > 0) {
                    c.add(String.valueOf(r.nextInt(60) - 30));
                    c.add(String.valueOf(r.nextInt(60) - 30));
                    if (r.nextBoolean()) {
                        c.add(r.nextBoolean() ? "BIT" : "byte");
                    }
                }
                return c.toArray();
            }
            case 3: {
                List<Object> c = new ArrayList<>(List.of("BITPOS", key, String.valueOf(r.nextInt(2))));
                int extra = r.nextInt(4);
                if (extra >= 1) {
                    c.add(String.valueOf(r.nextInt(80) - 40));
                }
                if (extra >= 2) {
                    c.add(String.valueOf(r.nextInt(80) - 40));
                }
                if (extra >= 3) {
                    c.add(r.nextBoolean() ? "BIT" : "BYTE");
                }
                return c.toArray();
            }
            case 4: {
                String[] ops = {"AND", "OR", "XOR", "NOT"};
                String op = ops[r.nextInt(4)];
                List<Object> c = new ArrayList<>(List.of("BITOP", op, "b3"));
                int sources = op.equals("NOT") ? 1 : 1 + r.nextInt(3);
                for (int i = 0; i < sources; i++) {
                    c.add(r.nextInt(5) == 0 ? "missing" : KEYS[r.nextInt(2)]);
                }
                return c.toArray();
            }
            default: {
                List<Object> c = new ArrayList<>(List.of(r.nextInt(5) == 0 ? "BITFIELD_RO" : "BITFIELD", key));
                int ops = 1 + r.nextInt(4);
                for (int i = 0; i < ops; i++) {
                    String type = (r.nextBoolean() ? "i" : "u") + (1 + r.nextInt(64));
                    String offset = (r.nextInt(4) == 0 ? "#" : "") + r.nextInt(100);
                    switch (r.nextInt(4)) {
                        case 0 -> c.addAll(List.of("GET", type, offset));
                        case 1 -> c.addAll(List.of("SET", type, offset, String.valueOf(r.nextLong() >> r.nextInt(64))));
                        case 2 -> c.addAll(List.of("INCRBY", type, offset, String.valueOf(r.nextLong() >> r.nextInt(64))));
                        default -> c.addAll(List.of("OVERFLOW", new String[] {"WRAP", "SAT", "FAIL"}[r.nextInt(3)]));
                    }
                }
                return c.toArray();
            }
        }
    }
}
