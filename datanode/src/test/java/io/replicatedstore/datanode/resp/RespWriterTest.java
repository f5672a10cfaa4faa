package io.replicatedstore.datanode.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RespWriterTest {

    @Test
    void largeRepliesGoToChunksOfTheirOwnAndLeaveInOrder() {
        RespWriter writer = new RespWriter(PooledByteBufAllocator.DEFAULT);
        byte[] big = new byte[RespWriter.CHUNK_BYTES * 3];
        Arrays.fill(big, (byte) 'a');
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            writer.integer(i);
            writer.bulk(big);
            expected.append(':').append(i).append("\r\n$").append(big.length).append("\r\n")
                    .append("a".repeat(big.length)).append("\r\n");
        }
        assertThat(writer.pendingBytes()).isEqualTo(expected.length());
        assertThat(writer.pendingChunks()).isGreaterThan(5);
        ByteBuf out = writer.take();
        try {
            assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        } finally {
            out.release();
        }
        assertThat(writer.pendingBytes()).isZero();
        assertThat(writer.pendingChunks()).isZero();
    }

    @Test
    void aChunkIsNeverGrownPastItsSizeByManySmallReplies() {
        RespWriter writer = new RespWriter(PooledByteBufAllocator.DEFAULT);
        for (int i = 0; i < 100_000; i++) {
            writer.simple("QUEUED");
        }
        assertThat(writer.pendingBytes()).isEqualTo(100_000L * "+QUEUED\r\n".length());
        assertThat(writer.pendingChunks()).isGreaterThanOrEqualTo((int) (writer.pendingBytes() / RespWriter.CHUNK_BYTES));
        ByteBuf out = writer.take();
        out.release();
    }

    @Test
    void releaseFreesEveryChunk() {
        EmbeddedChannel channel = new EmbeddedChannel();
        RespWriter writer = new RespWriter(channel.alloc());
        writer.bulk(new byte[RespWriter.CHUNK_BYTES * 2]).bulk(new byte[10]);
        writer.release();
        assertThat(writer.pendingBytes()).isZero();
        assertThat(writer.take()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void rewindDropsAReplySpanningChunksAndKeepsWhatCameBefore() {
        RespWriter writer = new RespWriter(PooledByteBufAllocator.DEFAULT);
        writer.simple("OK");
        long mark = writer.mark();
        writer.integer(1).bulk(new byte[RespWriter.CHUNK_BYTES * 2]).bulk(new byte[RespWriter.CHUNK_BYTES + 5]);
        assertThat(writer.pendingChunks()).isGreaterThan(1);
        assertThat(writer.rewind(mark)).isTrue();
        assertThat(writer.pendingBytes()).isEqualTo("+OK\r\n".length());
        writer.integer(7);
        ByteBuf out = writer.take();
        try {
            assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n:7\r\n");
        } finally {
            out.release();
        }
    }

    @Test
    void rewindRefusesOnceOutputWasTakenForSending() {
        RespWriter writer = new RespWriter(PooledByteBufAllocator.DEFAULT);
        long mark = writer.mark();
        writer.simple("OK");
        writer.take().release();
        writer.simple("PARTIAL");
        assertThat(writer.rewind(mark)).isFalse();
        writer.release();
    }
}
