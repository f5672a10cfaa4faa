/**
 * The RDB file format of Redis 7.0 (version 10), for snapshots, loading at start and replication
 * full syncs.
 *
 * <p>{@link io.replicatedstore.datanode.persist.rdb.RdbWriter} turns calls (database, key,
 * value, expiry) into a stream, choosing each value's RDB type as Redis would from the
 * {@link io.replicatedstore.datanode.persist.rdb.EncodingLimits};
 * {@link io.replicatedstore.datanode.persist.rdb.RdbReader} reads any stream Redis 7.0 can load
 * (versions 1 to 10, old encodings included) into an
 * {@link io.replicatedstore.datanode.persist.rdb.RdbSink}, treating the input as hostile.
 * {@link io.replicatedstore.datanode.persist.rdb.Crc64} and
 * {@link io.replicatedstore.datanode.persist.rdb.Lzf} are the checksum and compression the
 * format uses. The blob codecs (listpack, ziplist, intset, zipmap) are package-private.
 *
 * <p>Nothing here touches the keyspace or the server: the caller decides where values go, what
 * to do with expired keys, and when to swap in what was loaded.
 */
package io.replicatedstore.datanode.persist.rdb;
