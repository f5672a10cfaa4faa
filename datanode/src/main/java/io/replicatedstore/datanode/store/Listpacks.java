package io.replicatedstore.datanode.store;

/**
 * Sizes of Redis's listpack encoding, to place stream node boundaries where Redis places them
 * (a node closes when its listpack would reach stream-node-max-bytes).
 */
public final class Listpacks {

    /** Listpack header (total bytes, element count) and end byte. */
    static final int HEADER_AND_END = 7;

    private Listpacks() {
    }

    /** A new node's listpack: live count, deleted count, field count, fields, 0 terminator. */
    static long masterBytes(byte[][] fields) {
        long bytes = HEADER_AND_END + integer(1) + integer(0) + integer(fields.length) + integer(0);
        for (byte[] field : fields) {
            bytes += element(field);
        }
        return bytes;
    }

    /** One entry: flags, id deltas from the master id, [field count], fields and values, element count. */
    static long entryBytes(StreamId master, StreamId id, byte[][] fieldsAndValues, byte[][] masterFields) {
        boolean sameFields = sameFields(masterFields, fieldsAndValues);
        long bytes = integer(0) + integer(id.ms() - master.ms()) + integer(id.seq() - master.seq());
        int count;
        if (sameFields) {
            for (int i = 1; i < fieldsAndValues.length; i += 2) {
                bytes += element(fieldsAndValues[i]);
            }
            count = fieldsAndValues.length / 2 + 3;
        } else {
            bytes += integer(fieldsAndValues.length / 2);
            for (byte[] element : fieldsAndValues) {
                bytes += element(element);
            }
            count = fieldsAndValues.length + 4;
        }
        return bytes + integer(count);
    }

    /** Whether an entry has exactly its node's master fields (Redis's SAMEFIELDS flag). */
    public static boolean sameFields(byte[][] masterFields, byte[][] fieldsAndValues) {
        boolean same = masterFields.length * 2 == fieldsAndValues.length;
        for (int i = 0; same && i < masterFields.length; i++) {
            same = java.util.Arrays.equals(masterFields[i], fieldsAndValues[2 * i]);
        }
        return same;
    }

    /** A string element: stored as an integer when it is a canonical one, as listpacks do. */
    static long element(byte[] value) {
        if (value.length <= 20 && Bytes.isCanonicalLong(value)) {
            return integer(Bytes.canonicalLongValue(value));
        }
        int len = value.length;
        int header = len < 64 ? 1 : len < 4096 ? 2 : 5;
        return header + len + backlen(header + len);
    }

    static long integer(long v) {
        int size;
        if (v >= 0 && v <= 127) {
            size = 1;
        } else if (v >= -4096 && v <= 4095) {
            size = 2;
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            size = 3;
        } else if (v >= -(1 << 23) && v < (1 << 23)) {
            size = 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            size = 5;
        } else {
            size = 9;
        }
        return size + backlen(size);
    }

    private static int backlen(long size) {
        return size < 128 ? 1 : size < 16384 ? 2 : size < 2097152 ? 3 : size < 268435456 ? 4 : 5;
    }
}
