package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.util.Numbers;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The encoding OBJECT ENCODING reports for a string value, as Redis 7.0 would have it.
 *
 * <p>Strings are stored as plain {@code byte[]}. Most of them get Redis's {@code tryObjectEncoding}
 * rule: a canonical integer that fits a long is "int", up to 44 bytes "embstr", longer "raw". A
 * few commands make Redis keep another encoding: APPEND and SETRANGE leave a "raw" string even
 * when it is short or numeric, INCRBYFLOAT an "embstr" even when the result looks like an
 * integer. Those values are remembered here by identity (arrays use identity equality, so a
 * {@link WeakHashMap} is a weak identity map): an entry goes away with its array, so replacing
 * or deleting the key needs no bookkeeping.
 */
public final class StringEncoding {

    /** Redis's OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
    static final int EMBSTR_SIZE_LIMIT = 44;

    private static final String RAW = "raw";
    private static final String EMBSTR = "embstr";

    /** Synchronized: several nodes (each with its own keyspace thread) may share a JVM in tests. */
    private static final Map<byte[], String> OVERRIDES = Collections.synchronizedMap(new WeakHashMap<>());

    private StringEncoding() {
    }

    /** "int", "embstr" or "raw". */
    public static String of(byte[] value) {
        String override = OVERRIDES.get(value);
        if (override != null) {
            return override;
        }
        return defaultEncoding(value);
    }

    /** Whether Redis would share this value's object (a small "int"): OBJECT REFCOUNT. */
    public static boolean isSharedInteger(byte[] value) {
        if (!"int".equals(of(value))) {
            return false;
        }
        long v = Numbers.parseLong(value);
        return v >= 0 && v < 10_000;
    }

    /** Marks a value Redis would hold as a raw sds (APPEND, SETRANGE results). */
    static byte[] raw(byte[] value) {
        return markRaw(value);
    }

    /** The same, for other families changing strings (SETBIT, PFADD). */
    public static byte[] markRaw(byte[] value) {
        if (!RAW.equals(defaultEncoding(value))) {
            OVERRIDES.put(value, RAW);
        }
        return value;
    }

    /** Marks a value Redis creates with createStringObject (INCRBYFLOAT): never "int". */
    static byte[] created(byte[] value) {
        if ("int".equals(defaultEncoding(value))) {
            OVERRIDES.put(value, EMBSTR);
        }
        return value;
    }

    /** A copy of a string value that keeps its encoding (COPY's dupStringObject). */
    public static byte[] copy(byte[] value) {
        byte[] copy = value.clone();
        String override = OVERRIDES.get(value);
        if (override != null) {
            OVERRIDES.put(copy, override);
        }
        return copy;
    }

    private static String defaultEncoding(byte[] value) {
        if (value.length <= 20 && Numbers.isCanonicalLong(value)) {
            return "int";
        }
        return value.length <= EMBSTR_SIZE_LIMIT ? EMBSTR : RAW;
    }
}
