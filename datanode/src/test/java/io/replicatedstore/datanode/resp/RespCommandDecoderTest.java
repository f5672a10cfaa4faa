package io.replicatedstore.datanode.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RespCommandDecoderTest {

    private static EmbeddedChannel channel(long maxBulk, boolean authenticated) {
        return new EmbeddedChannel(new RespCommandDecoder(() -> maxBulk, authenticated));
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static String[] strings(Object argv) {
        byte[][] args = (byte[][]) argv;
        String[] out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = new String(args[i], StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    @Test
    void multibulkRequestsArrivingByteByByteAreAssembled() {
        EmbeddedChannel ch = channel(1024, true);
        String request = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nva\r\nl\r\n";
        for (char c : request.toCharArray()) {
            ch.writeInbound(bytes(String.valueOf(c)));
        }
        assertThat(strings(ch.readInbound())).containsExactly("SET", "k", "va\r\nl");
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void inlineCommandsFollowRedisQuotingRules() {
        EmbeddedChannel ch = channel(1024, true);
        ch.writeInbound(bytes("set \"a\\x41\\n\" 'it\\'s'  plain\r\n\r\nping\n"));
        assertThat(strings(ch.readInbound())).containsExactly("set", "aA\n", "it's", "plain");
        assertThat(strings(ch.readInbound())).containsExactly("ping");
    }

    @Test
    void emptyMultibulkIsIgnored() {
        EmbeddedChannel ch = channel(1024, true);
        ch.writeInbound(bytes("*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n"));
        assertThat(strings(ch.readInbound())).containsExactly("PING");
    }

    @Test
    void bulkLongerThanTheConfiguredLimitIsAProtocolErrorBeforeAnyPayloadArrives() {
        EmbeddedChannel ch = channel(10, true);
        ch.writeInbound(bytes("*1\r\n$11\r\n"));
        assertThat((Object) ch.readInbound()).isEqualTo(new ProtocolError("invalid bulk length"));
    }

    @Test
    void unauthenticatedClientsGetTheSmallerLimits() {
        EmbeddedChannel ch = channel(1 << 20, false);
        ch.writeInbound(bytes("*11\r\n"));
        assertThat((Object) ch.readInbound()).isEqualTo(new ProtocolError("unauthenticated multibulk length"));
        EmbeddedChannel ch2 = channel(1 << 20, false);
        ch2.writeInbound(bytes("*1\r\n$16385\r\n"));
        assertThat((Object) ch2.readInbound()).isEqualTo(new ProtocolError("unauthenticated bulk length"));
    }

    @Test
    void hugeClaimedCountsDoNotAllocateUpFront() {
        EmbeddedChannel ch = channel(512L * 1024 * 1024, true);
        // A million arguments claimed, one sent: nothing is decoded and nothing blows up.
        ch.writeInbound(bytes("*1048576\r\n$1\r\na\r\n"));
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void inputAfterAProtocolErrorIsDiscarded() {
        EmbeddedChannel ch = channel(1024, true);
        ch.writeInbound(bytes("*1\r\n:1\r\n*1\r\n$4\r\nPING\r\n"));
        assertThat((Object) ch.readInbound()).isEqualTo(new ProtocolError("expected '$', got ':'"));
        assertThat((Object) ch.readInbound()).isNull();
    }
}
