package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.util.Numbers;

/** Parsing of bit offsets and bitfield types, with Redis's error texts. */
final class BitArgs {

    static final String BAD_OFFSET = "ERR bit offset is not an integer or out of range";
    static final String BAD_TYPE =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private BitArgs() {
    }

    /**
     * A bit offset; with {@code bits > 0} a "#n" form means n * bits (BITFIELD). Limited to
     * proto-max-bulk-len bytes, except for what a master sends.
     */
    static long offset(CommandContext ctx, int index, int bits) {
        byte[] arg = ctx.arg(index);
        boolean hash = bits > 0 && arg.length > 0 && arg[0] == '#';
        Long parsed = hash ? Numbers.parseLong(java.util.Arrays.copyOfRange(arg, 1, arg.length)) : Numbers.parseLong(arg);
        if (parsed == null) {
            throw Errors.error(BAD_OFFSET);
        }
        long offset = parsed;
        if (hash) {
            offset *= bits;
        }
        if (offset < 0 || (!ctx.client().isMaster() && (offset >> 3) >= ctx.config().protoMaxBulkLen.get())) {
            throw Errors.error(BAD_OFFSET);
        }
        return offset;
    }

    /** A bitfield type, "i1".."i64" or "u1".."u63": its width, negative for signed. */
    static int type(byte[] arg) {
        if (arg.length < 2 || (arg[0] != 'i' && arg[0] != 'u')) {
            throw Errors.error(BAD_TYPE);
        }
        boolean signed = arg[0] == 'i';
        Long bits = Numbers.parseLong(java.util.Arrays.copyOfRange(arg, 1, arg.length));
        if (bits == null || bits < 1 || bits > (signed ? 64 : 63)) {
            throw Errors.error(BAD_TYPE);
        }
        return signed ? -bits.intValue() : bits.intValue();
    }
}
