package io.replicatedstore.datanode.replication;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Receives byte ranges as they are produced. The array may be an internal buffer of the producer,
 * so implementations must copy what they want to keep before returning.
 */
@FunctionalInterface
public interface ByteChunkConsumer {

    void accept(byte[] bytes, int offset, int length) throws IOException;

    static ByteChunkConsumer of(OutputStream out) {
        return out::write;
    }
}
