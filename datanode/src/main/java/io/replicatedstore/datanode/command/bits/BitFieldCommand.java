package io.replicatedstore.datanode.command.bits;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.string.WritableStrings;
import io.replicatedstore.datanode.error.Errors;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment]
 * [OVERFLOW WRAP|SAT|FAIL] ...} and {@code BITFIELD_RO key [GET type offset] ...}: integers of
 * 1 to 64 bits at any bit offset ("#n" means n times the width). All arguments are checked
 * before anything is read or written; the string grows once to the farthest bit written.
 */
final class BitFieldCommand implements Command {

    static final String BAD_OVERFLOW = "ERR Invalid OVERFLOW type specified";
    static final String RO_ONLY_GET = "ERR BITFIELD_RO only supports the GET subcommand";

    private enum Kind { GET, SET, INCRBY }

    private record Op(Kind kind, int bits, boolean signed, long offset, long argument, Overflow overflow) {
    }

    private final boolean readOnly;

    BitFieldCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public void execute(CommandContext ctx) {
        List<Op> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        boolean writes = false;
        long highestBit = 0;
        for (int j = 2; j < ctx.argc(); j++) {
            int remaining = ctx.argc() - j - 1;
            Kind kind;
            if (ctx.argIs(j, "get") && remaining >= 2) {
                kind = Kind.GET;
            } else if (ctx.argIs(j, "set") && remaining >= 3) {
                kind = Kind.SET;
            } else if (ctx.argIs(j, "incrby") && remaining >= 3) {
                kind = Kind.INCRBY;
            } else if (ctx.argIs(j, "overflow") && remaining >= 1) {
                j++;
                overflow = overflow(ctx, j);
                continue;
            } else {
                throw Errors.syntax();
            }
            int type = BitArgs.type(ctx.arg(j + 1));
            int bits = Math.abs(type);
            long offset = BitArgs.offset(ctx, j + 2, bits);
            long argument = 0;
            if (kind != Kind.GET) {
                writes = true;
                highestBit = Math.max(highestBit, offset + bits - 1);
                argument = ctx.argLong(j + 3);
            }
            ops.add(new Op(kind, bits, type < 0, offset, argument, overflow));
            j += kind == Kind.GET ? 2 : 3;
        }
        byte[] key = ctx.arg(1);
        byte[] value;
        boolean grew = false;
        if (!writes) {
            value = ctx.db().getString(key);
        } else {
            if (readOnly) {
                throw Errors.error(RO_ONLY_GET);
            }
            WritableStrings.Result target = WritableStrings.forWrite(ctx, key, (highestBit >> 3) + 1);
            value = target.value();
            grew = target.grew();
        }
        ctx.reply().array(ops.size());
        long changes = 0;
        for (Op op : ops) {
            if (op.kind() == Kind.GET) {
                long field = value == null ? 0 : op.signed()
                        ? Bitmaps.getSigned(value, op.offset(), op.bits()) : Bitmaps.getUnsigned(value, op.offset(), op.bits());
                ctx.reply().integer(field);
                continue;
            }
            long old = op.signed() ? Bitmaps.getSigned(value, op.offset(), op.bits())
                    : Bitmaps.getUnsigned(value, op.offset(), op.bits());
            Long stored;
            if (op.kind() == Kind.INCRBY) {
                stored = op.signed() ? op.overflow().signed(old, op.argument(), op.bits())
                        : op.overflow().unsigned(old, op.argument(), op.bits());
            } else {
                stored = op.signed() ? op.overflow().signed(op.argument(), 0, op.bits())
                        : op.overflow().unsigned(op.argument(), 0, op.bits());
            }
            if (stored == null) {
                ctx.reply().nullBulk();
                continue;
            }
            ctx.reply().integer(op.kind() == Kind.INCRBY ? stored : old);
            Bitmaps.set(value, op.offset(), op.bits(), stored);
            if (grew || old != stored) {
                changes++;
            }
        }
        if (changes > 0) {
            ctx.modified(key);
            ctx.dirty(changes - 1);
        }
    }

    private static Overflow overflow(CommandContext ctx, int index) {
        if (ctx.argIs(index, "wrap")) {
            return Overflow.WRAP;
        } else if (ctx.argIs(index, "sat")) {
            return Overflow.SAT;
        } else if (ctx.argIs(index, "fail")) {
            return Overflow.FAIL;
        }
        throw Errors.error(BAD_OVERFLOW);
    }
}
