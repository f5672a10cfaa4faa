package io.replicatedstore.datanode.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

/** A small heap buffer reused for replies nobody reads; cleared before every write. */
final class DiscardBuffer {

    static final ByteBuf INSTANCE = UnpooledByteBufAllocator.DEFAULT.heapBuffer(1024);

    private DiscardBuffer() {
    }
}
