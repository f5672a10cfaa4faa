package io.replicatedstore.datanode.persist.rdb;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link RdbWriter} needs besides the data: rdbcompression, rdbchecksum, the encoding
 * thresholds, the AUX fields of the header, and the function libraries' code (written after them).
 *
 * @param compression LZF-compress strings longer than 20 bytes when that saves space (rdbcompression)
 * @param checksum    end with the CRC-64 of the stream; false writes 8 zero bytes (rdbchecksum)
 */
public record RdbWriteOptions(boolean compression, boolean checksum, EncodingLimits limits, Aux aux,
                              List<byte[]> functions) {

    public RdbWriteOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(aux, "aux");
        functions = List.copyOf(functions);
    }

    /** Without function libraries. */
    public RdbWriteOptions(boolean compression, boolean checksum, EncodingLimits limits, Aux aux) {
        this(compression, checksum, limits, aux, List.of());
    }

    public RdbWriteOptions withFunctions(List<byte[]> value) {
        return new RdbWriteOptions(compression, checksum, limits, aux, value);
    }

    /** Compression and checksum on, Redis's default thresholds, the given header fields. */
    public static RdbWriteOptions defaults(Aux aux) {
        return new RdbWriteOptions(true, true, EncodingLimits.DEFAULTS, aux);
    }

    public RdbWriteOptions withCompression(boolean value) {
        return new RdbWriteOptions(value, checksum, limits, aux, functions);
    }

    public RdbWriteOptions withChecksum(boolean value) {
        return new RdbWriteOptions(compression, value, limits, aux, functions);
    }

    public RdbWriteOptions withLimits(EncodingLimits value) {
        return new RdbWriteOptions(compression, checksum, value, aux, functions);
    }

    /**
     * The AUX fields Redis 7.0 writes: redis-ver, redis-bits, ctime, used-mem, then (only with
     * {@code replication}) repl-stream-db, repl-id, repl-offset, then aof-base.
     *
     * @param ctime       creation time, unix seconds
     * @param usedMem     memory in use, bytes (informational: Redis logs it when loading)
     * @param replication replication state for a replica to continue from, or null to omit it
     * @param aofBase     the file is the base of a multi-part AOF
     */
    public record Aux(String redisVersion, int redisBits, long ctime, long usedMem, Replication replication,
                      boolean aofBase) {

        public static final String REDIS_VERSION = "7.0.15";

        public Aux {
            Objects.requireNonNull(redisVersion, "redisVersion");
        }

        /** Redis 7.0.15, 64 bits, no replication info, not an AOF base. */
        public static Aux of(long ctimeSeconds, long usedMem) {
            return new Aux(REDIS_VERSION, 64, ctimeSeconds, usedMem, null, false);
        }

        public Aux withReplication(Replication value) {
            return new Aux(redisVersion, redisBits, ctime, usedMem, value, aofBase);
        }

        public Aux withAofBase(boolean value) {
            return new Aux(redisVersion, redisBits, ctime, usedMem, replication, value);
        }
    }

    /**
     * @param streamDb the database the replication stream had selected (repl-stream-db)
     * @param replId   the 40-character replication id (repl-id)
     * @param offset   the replication offset the snapshot corresponds to (repl-offset)
     */
    public record Replication(int streamDb, String replId, long offset) {
        public Replication {
            Objects.requireNonNull(replId, "replId");
        }
    }
}
