package io.replicatedstore.datanode.persist.rdb;

import java.io.IOException;

/**
 * Receives what an {@link RdbReader} finds, in stream order. Entries before any
 * {@link #database} call belong to database 0. If {@link RdbReader#read} throws, everything
 * received must be discarded: the stream was not whole.
 */
public interface RdbSink {

    /** An AUX field (redis-ver, ctime, repl-id, ...); unknown ones are to be ignored. */
    default void aux(String key, byte[] value) throws IOException {
    }

    /** The following entries belong to database {@code db} (SELECTDB). */
    default void database(int db) throws IOException {
    }

    /** RESIZEDB: size hints for the current database. */
    default void resizeDatabase(long size, long expiresSize) throws IOException {
    }

    /**
     * A key and its value: byte[] (string), ListValue, SetValue, HashValue or ZSetValue, with the
     * encoding Redis would report after loading under the reader's limits. Keys that are already
     * expired are delivered too: dropping them (on a master) is the caller's decision.
     *
     * @param expireAtMs absolute unix time in milliseconds, or -1
     */
    void entry(byte[] key, Object value, long expireAtMs) throws IOException;

    /**
     * A function library's source (FUNCTION2, or the 7.0-rc FUNCTION format translated to it).
     * Return false to refuse it, which fails the load with a clear message (the default).
     */
    default boolean function(byte[] libraryCode) throws IOException {
        return false;
    }
}
