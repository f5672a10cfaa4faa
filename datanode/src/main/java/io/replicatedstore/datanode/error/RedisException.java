package io.replicatedstore.datanode.error;

/**
 * A command failed with a Redis error reply. The message is the whole error line without the
 * leading '-', starting with its code ("ERR ...", "WRONGTYPE ..."), exactly as Redis words it.
 */
public class RedisException extends RuntimeException {

    public RedisException(String message) {
        super(message, null, false, false);
    }
}
