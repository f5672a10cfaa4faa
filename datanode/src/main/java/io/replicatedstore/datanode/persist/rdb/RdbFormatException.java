package io.replicatedstore.datanode.persist.rdb;

import java.io.IOException;

/**
 * An RDB stream that cannot be loaded: corrupt, truncated, failing its checksum, or using a
 * feature this server does not support. The message names the byte offset in the stream where
 * the problem was found. Whatever a sink received before this was thrown must be discarded.
 */
public class RdbFormatException extends IOException {

    private final long offset;

    public RdbFormatException(String message, long offset) {
        super(message + " (at offset " + offset + ")");
        this.offset = offset;
    }

    public RdbFormatException(String message, long offset, Throwable cause) {
        super(message + " (at offset " + offset + ")", cause);
        this.offset = offset;
    }

    /** Byte offset in the stream (0 = first byte of "REDIS") where the problem was detected. */
    public long offset() {
        return offset;
    }
}
