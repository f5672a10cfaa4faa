package io.replicatedstore.datanode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void equalContentIsEqualKey() {
        Map<Bytes, Integer> map = new HashMap<>();
        map.put(Bytes.of(b("abc")), 1);
        assertThat(map.get(Bytes.of(b("abc")))).isEqualTo(1);
        assertThat(map.get(Bytes.of(b("abd")))).isNull();
        assertThat(Bytes.of(b("x"))).isEqualTo(Bytes.of(b("x"))).hasSameHashCodeAs(Bytes.of(b("x")));
        assertThat(Bytes.of(new byte[0])).isEqualTo(Bytes.of(new byte[0]));
        assertThat(Bytes.of(b("x"))).isNotEqualTo(b("x")).isNotEqualTo(null);
    }

    @Test
    void wrapsWithoutCopying() {
        byte[] raw = b("abc");
        assertThat(Bytes.of(raw).bytes()).isSameAs(raw);
        assertThatThrownBy(() -> Bytes.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void orderIsUnsignedMemcmp() {
        assertThat(Bytes.compare(new byte[] {0x7f}, new byte[] {(byte) 0x80})).isNegative();
        assertThat(Bytes.compare(new byte[] {(byte) 0xff}, new byte[] {0})).isPositive();
        assertThat(Bytes.compare(b("ab"), b("abc"))).isNegative();
        assertThat(Bytes.compare(new byte[0], new byte[] {0})).isNegative();
        assertThat(Bytes.compare(b("abc"), b("abc"))).isZero();
        assertThat(Bytes.of(b("b")).compareTo(Bytes.of(b("a")))).isPositive();
        assertThat(Bytes.of(b("a")).compareTo(Bytes.of(b("a")))).isZero();
    }

    @Test
    void compareMatchesReferenceOnRandomInput() {
        Random rnd = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            byte[] x = randomBytes(rnd);
            byte[] y = randomBytes(rnd);
            assertThat(Integer.signum(Bytes.compare(x, y))).isEqualTo(Integer.signum(reference(x, y)));
        }
    }

    private static int reference(byte[] x, byte[] y) {
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = (x[i] & 0xff) - (y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return x.length - y.length;
    }

    private static byte[] randomBytes(Random rnd) {
        byte[] out = new byte[rnd.nextInt(4)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (rnd.nextBoolean() ? rnd.nextInt(3) : rnd.nextInt(256));
        }
        return out;
    }

    @Test
    void toStringIsUtf8() {
        assertThat(Bytes.of(b("héllo")).toString()).isEqualTo("héllo");
    }

    @Test
    void canonicalLongFollowsString2ll() {
        for (String ok : new String[] {"0", "1", "-1", "10", "123456789", "9223372036854775807",
                "-9223372036854775808", "-4096"}) {
            assertThat(Bytes.isCanonicalLong(b(ok))).as(ok).isTrue();
            assertThat(Bytes.canonicalLongValue(b(ok))).isEqualTo(Long.parseLong(ok));
        }
        for (String bad : new String[] {"", "-", "+1", "-0", "00", "01", "-01", " 1", "1 ", "1a", "a",
                "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1.0", "0x1",
                "123456789012345678901"}) {
            assertThat(Bytes.isCanonicalLong(b(bad))).as(bad).isFalse();
        }
    }

    @Test
    void canonicalLongMatchesReferenceOnRandomInput() {
        Random rnd = new Random(2);
        String alphabet = "0123456789-+ a";
        for (int i = 0; i < 50_000; i++) {
            String s;
            if (rnd.nextInt(4) == 0) {
                s = Long.toString(rnd.nextLong() >> rnd.nextInt(64));
            } else {
                StringBuilder sb = new StringBuilder();
                int len = rnd.nextInt(22);
                for (int j = 0; j < len; j++) {
                    sb.append(j > 0 && rnd.nextInt(3) > 0 ? (char) ('0' + rnd.nextInt(10))
                            : alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
                s = sb.toString();
            }
            boolean expected;
            try {
                expected = Long.toString(Long.parseLong(s)).equals(s);
            } catch (NumberFormatException e) {
                expected = false;
            }
            assertThat(Bytes.isCanonicalLong(b(s))).as(s).isEqualTo(expected);
            if (expected) {
                assertThat(Bytes.canonicalLongValue(b(s))).isEqualTo(Long.parseLong(s));
            }
        }
    }
}
