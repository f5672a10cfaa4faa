package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.ValueType;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}: one step of Redis's
 * reverse-binary cursor scan; answers [next cursor, keys], cursor "0" when done.
 */
final class ScanCommand implements Command {

    static final String INVALID_CURSOR = "ERR invalid cursor";

    @Override
    public void execute(CommandContext ctx) {
        long cursor = parseCursor(ctx.arg(1));
        long count = 10;
        byte[] pattern = null;
        String type = null;
        for (int i = 2; i < ctx.argc(); ) {
            int remaining = ctx.argc() - i;
            if (ctx.argIs(i, "count") && remaining >= 2) {
                count = ctx.argLong(i + 1);
                if (count < 1) {
                    throw Errors.syntax();
                }
                i += 2;
            } else if (ctx.argIs(i, "match") && remaining >= 2) {
                byte[] p = ctx.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
                i += 2;
            } else if (ctx.argIs(i, "type") && remaining >= 2) {
                type = ctx.argString(i + 1);
                i += 2;
            } else {
                throw Errors.syntax();
            }
        }

        Database db = ctx.db();
        List<byte[]> found = new ArrayList<>();
        // At most ten buckets per requested key, so a sparse table cannot stall the server.
        long maxIterations = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            cursor = db.scan(cursor, (key, value) -> found.add(key));
        } while (cursor != 0 && maxIterations-- > 0 && found.size() < count);

        List<byte[]> keys = new ArrayList<>(found.size());
        for (byte[] key : found) {
            if (pattern != null && !GlobMatcher.matches(pattern, key)) {
                continue;
            }
            Object value = db.get(key); // also deletes the key if it has expired
            if (value == null) {
                continue;
            }
            if (type != null && !type.equalsIgnoreCase(ValueType.of(value).typeName())) {
                continue;
            }
            keys.add(key);
        }
        ctx.reply().array(2);
        ctx.reply().bulk(Long.toUnsignedString(cursor).getBytes(StandardCharsets.US_ASCII));
        ctx.reply().bulks(keys);
    }

    /**
     * Parses a cursor as Redis does with strtoul: an unsigned 64-bit decimal, optionally signed
     * (a '-' wraps around), no leading space, nothing after the digits. An empty string is 0.
     */
    static long parseCursor(byte[] s) {
        if (s.length == 0) {
            return 0;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '+' || s[0] == '-') {
            negative = s[0] == '-';
            i = 1;
        }
        if (i == s.length) {
            throw Errors.error(INVALID_CURSOR);
        }
        for (int k = i; k < s.length; k++) {
            if (s[k] < '0' || s[k] > '9') {
                throw Errors.error(INVALID_CURSOR);
            }
        }
        long value;
        try {
            value = Long.parseUnsignedLong(new String(s, i, s.length - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw Errors.error(INVALID_CURSOR);
        }
        return negative ? -value : value;
    }
}
