package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KEYS and SCAN MATCH with generated glob patterns give the same keys as Debian's redis-server:
 * the edge cases of Redis's stringmatchlen (unterminated classes, ranges ending at ']', trailing
 * backslashes, high bytes) come up among thousands of random patterns over a small alphabet.
 */
class GlobDifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    private static final byte[] KEY_ALPHABET = {'a', 'b', 'A', ']', '[', '-', '^', '\\', '*', '?', (byte) 0xe9, (byte) 0x80};
    private static final byte[] PATTERN_ALPHABET = {'a', 'b', 'A', '*', '*', '?', '[', ']', '^', '-', '\\', (byte) 0xe9, (byte) 0xff};

    @Test
    void generatedPatternsMatchTheSameKeysAsRedis() {
        Random random = new Random(14);
        Set<String> seen = new HashSet<>();
        List<byte[]> keys = new ArrayList<>();
        while (keys.size() < 400) {
            byte[] key = generate(random, KEY_ALPHABET, 6);
            if (seen.add(new String(key, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                keys.add(key);
            }
        }
        List<byte[]> patterns = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            patterns.add(generate(random, PATTERN_ALPHABET, 8));
        }
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                for (byte[] key : keys) {
                    client.send("SET", key, "1");
                }
                for (int i = 0; i < keys.size(); i++) {
                    assertThat(client.read()).isEqualTo("OK");
                }
            }
            int matchedSome = 0;
            for (byte[] pattern : patterns) {
                List<String> expected = sorted(theirs.call("KEYS", pattern));
                assertThat(sorted(mine.call("KEYS", pattern))).as("KEYS %s", show(pattern)).isEqualTo(expected);
                if (!expected.isEmpty()) {
                    matchedSome++;
                }
            }
            // The generated patterns exercise both answers, not only "no match".
            assertThat(matchedSome).isBetween(300, patterns.size() - 300);
            for (byte[] pattern : patterns.subList(0, 300)) {
                assertThat(sorted(scanAll(mine, pattern))).as("SCAN MATCH %s", show(pattern))
                        .isEqualTo(sorted(scanAll(theirs, pattern)));
            }
        }
    }

    @Test
    void manyStarsAgainstALongKeyAnswerAsRedisDoes() {
        // Redis's regression test for CVE-2022-36021, which took exponential time before 7.0.9.
        String key = "a".repeat(40);
        String pattern = "a*".repeat(20) + "b";
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                client.call("SET", key, "1");
                assertThat(client.call("KEYS", pattern)).isEqualTo(List.of());
                assertThat(client.call("KEYS", "a*".repeat(20))).isEqualTo(List.of(key));
                assertThat(client.call("SCAN", "0", "MATCH", pattern, "COUNT", "100")).isEqualTo(List.of("0", List.of()));
            }
        }
    }

    private static List<Object> scanAll(RespClient client, byte[] pattern) {
        List<Object> found = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) client.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            found.addAll((List<?>) reply.get(1));
        } while (!cursor.equals("0"));
        return found;
    }

    private static byte[] generate(Random random, byte[] alphabet, int maxLength) {
        byte[] out = new byte[1 + random.nextInt(maxLength)];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return out;
    }

    private static List<String> sorted(Object reply) {
        assertThat(reply).isInstanceOf(List.class);
        return ((List<?>) reply).stream().map(String::valueOf).sorted().toList();
    }

    private static String show(byte[] pattern) {
        StringBuilder text = new StringBuilder();
        for (byte b : pattern) {
            text.append(b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return text.toString();
    }
}
