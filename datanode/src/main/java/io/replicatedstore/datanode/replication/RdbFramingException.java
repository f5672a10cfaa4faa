package io.replicatedstore.datanode.replication;

/** The master sent something that is not a valid RDB transfer preamble. */
public final class RdbFramingException extends RuntimeException {

    public RdbFramingException(String message) {
        super(message);
    }
}
