package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.string.StringEncoding;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.store.ZSetValue;

/**
 * {@code OBJECT ENCODING key}: Redis 7.0's names: int/embstr/raw for strings, quicklist for
 * every list (7.0 has no listpack lists), listpack/hashtable for hashes, intset/hashtable for
 * sets, listpack/skiplist for sorted sets.
 */
public final class ObjectEncodingCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        Object value = ctx.db().getNoTouch(ctx.arg(2));
        if (value == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().bulk(encoding(value));
    }

    /** The encoding OBJECT ENCODING reports (DEBUG OBJECT shows it too). */
    public static String encoding(Object value) {
        if (value instanceof byte[] bytes) {
            return StringEncoding.of(bytes);
        }
        if (value instanceof ListValue) {
            return "quicklist";
        }
        if (value instanceof HashValue hash) {
            return hash.encoding();
        }
        if (value instanceof SetValue set) {
            return set.encoding();
        }
        if (value instanceof ZSetValue zset) {
            return zset.encoding();
        }
        if (value instanceof StreamValue) {
            return "stream";
        }
        throw new IllegalArgumentException("not a value: " + value);
    }
}
