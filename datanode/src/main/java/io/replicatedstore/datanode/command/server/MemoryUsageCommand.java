package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.util.Numbers;

/**
 * {@code MEMORY USAGE key [SAMPLES count]}: an estimate, in Redis's terms, of the bytes a key and
 * its value take: the key's sds string, its dict entry, and the value object. Strings are sized as
 * Redis encodes them (int, embstr up to 44 bytes, raw) with jemalloc's size classes; collections
 * use their own estimate, which looks at every element (SAMPLES is validated but not needed).
 * Null for a missing key.
 */
final class MemoryUsageCommand implements Command {

    /** sizeof(dictEntry) on 64-bit. */
    private static final int DICT_ENTRY = 24;
    /** sizeof(robj). */
    private static final int OBJECT_HEADER = 16;
    /** Longest string Redis allocates together with its object (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
    private static final int EMBSTR_LIMIT = 44;

    @Override
    public void execute(CommandContext ctx) {
        for (int i = 3; i < ctx.argc(); i++) {
            if (ctx.argIs(i, "samples") && i + 1 < ctx.argc()) {
                long samples = ctx.argLong(i + 1);
                if (samples < 0) {
                    throw Errors.syntax();
                }
                i++;
            } else {
                throw Errors.syntax();
            }
        }
        byte[] key = ctx.arg(2);
        Object value = ctx.db().peek(key);
        if (value == null) {
            ctx.reply().nullBulk();
            return;
        }
        long usage = sdsAllocation(key.length, true) + DICT_ENTRY + valueSize(value);
        ctx.reply().integer(usage);
    }

    static long valueSize(Object value) {
        if (value instanceof byte[] s) {
            return stringSize(s);
        } else if (value instanceof HashValue h) {
            return h.memoryUsage();
        } else if (value instanceof ListValue l) {
            return l.memoryUsage();
        } else if (value instanceof SetValue s) {
            return s.memoryUsage();
        } else if (value instanceof ZSetValue z) {
            return z.memoryUsage();
        } else if (value instanceof StreamValue s) {
            return s.memoryUsage();
        }
        return OBJECT_HEADER;
    }

    /** A string value as SET stores it: an integer in the object, an embedded or a separate sds. */
    static long stringSize(byte[] s) {
        if (s.length <= 20 && Numbers.isCanonicalLong(s)) {
            return OBJECT_HEADER;
        }
        if (s.length <= EMBSTR_LIMIT) {
            return jemalloc(OBJECT_HEADER + 3 + s.length + 1);
        }
        return OBJECT_HEADER + sdsAllocation(s.length, false);
    }

    /** Bytes malloc gives an sds string of {@code length}: header by size, content, terminator. */
    static long sdsAllocation(long length, boolean allowType5) {
        int header;
        if (length < 32 && allowType5 && length > 0) {
            header = 1;
        } else if (length < 1 << 8) {
            header = 3;
        } else if (length < 1 << 16) {
            header = 5;
        } else if (length < 1L << 32) {
            header = 9;
        } else {
            header = 17;
        }
        return jemalloc(header + length + 1);
    }

    /** jemalloc 5's size class for a request: 8, 16, multiples of 16 to 128, then 4 classes per doubling. */
    static long jemalloc(long size) {
        if (size <= 8) {
            return 8;
        }
        if (size <= 128) {
            return (size + 15) / 16 * 16;
        }
        int k = 63 - Long.numberOfLeadingZeros(size - 1);
        long step = 1L << (k - 2);
        return (size + step - 1) / step * step;
    }
}
