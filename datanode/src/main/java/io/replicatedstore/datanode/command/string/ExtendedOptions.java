package io.replicatedstore.datanode.command.string;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.util.Numbers;

/**
 * The options SET and GETEX share, parsed as Redis's parseExtendedStringArgumentsOrReply: SET
 * takes NX XX GET KEEPTTL EX PX EXAT PXAT, GETEX takes PERSIST EX PX EXAT PXAT. Any conflicting
 * or unknown option (or an expiry option without its value) is "ERR syntax error".
 */
final class ExtendedOptions {

    static final int NX = 1;
    static final int XX = 1 << 1;
    static final int EX = 1 << 2;
    static final int PX = 1 << 3;
    static final int KEEPTTL = 1 << 4;
    static final int GET = 1 << 5;
    static final int EXAT = 1 << 6;
    static final int PXAT = 1 << 7;
    static final int PERSIST = 1 << 8;

    private static final int ANY_EXPIRE = EX | PX | EXAT | PXAT;

    int flags;
    /** Index of the expiry value argument, or -1. */
    int expireIndex = -1;

    private ExtendedOptions() {
    }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    static ExtendedOptions parse(CommandContext ctx, boolean forSet) {
        ExtendedOptions o = new ExtendedOptions();
        int argc = ctx.argc();
        for (int j = forSet ? 3 : 2; j < argc; j++) {
            boolean hasNext = j < argc - 1;
            if (forSet && ctx.argIs(j, "NX") && !o.has(XX)) {
                o.flags |= NX;
            } else if (forSet && ctx.argIs(j, "XX") && !o.has(NX)) {
                o.flags |= XX;
            } else if (forSet && ctx.argIs(j, "GET")) {
                o.flags |= GET;
            } else if (forSet && ctx.argIs(j, "KEEPTTL") && !o.has(PERSIST | ANY_EXPIRE)) {
                o.flags |= KEEPTTL;
            } else if (!forSet && ctx.argIs(j, "PERSIST") && !o.has(ANY_EXPIRE | KEEPTTL)) {
                o.flags |= PERSIST;
            } else if (ctx.argIs(j, "EX") && !o.has(KEEPTTL | PERSIST | EXAT | PX | PXAT) && hasNext) {
                o.flags |= EX;
                o.expireIndex = ++j;
            } else if (ctx.argIs(j, "PX") && !o.has(KEEPTTL | PERSIST | EX | EXAT | PXAT) && hasNext) {
                o.flags |= PX;
                o.expireIndex = ++j;
            } else if (ctx.argIs(j, "EXAT") && !o.has(KEEPTTL | PERSIST | EX | PX | PXAT) && hasNext) {
                o.flags |= EXAT;
                o.expireIndex = ++j;
            } else if (ctx.argIs(j, "PXAT") && !o.has(KEEPTTL | PERSIST | EX | EXAT | PX) && hasNext) {
                o.flags |= PXAT;
                o.expireIndex = ++j;
            } else {
                throw Errors.syntax();
            }
        }
        return o;
    }

    /**
     * The expiry as an absolute unix time in ms (Redis's getExpireMillisecondsOrReply): the value
     * must be an integer, positive, and not overflow once converted and made absolute.
     */
    static long expireMillis(CommandContext ctx, int index, int flags, String commandName) {
        long value = Numbers.longArg(ctx.arg(index));
        boolean seconds = (flags & (EX | EXAT)) != 0;
        if (value <= 0 || (seconds && value > Long.MAX_VALUE / 1000)) {
            throw Errors.invalidExpire(commandName);
        }
        if (seconds) {
            value *= 1000;
        }
        if ((flags & (EX | PX)) != 0) {
            long now = ctx.now();
            if (value > Long.MAX_VALUE - now) {
                throw Errors.invalidExpire(commandName);
            }
            value += now;
        }
        return value;
    }
}
