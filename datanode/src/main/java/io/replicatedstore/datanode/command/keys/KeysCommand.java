package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.util.ArrayList;
import java.util.List;

/** {@code KEYS pattern}: every live key matching the glob-style pattern. */
final class KeysCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        byte[] pattern = ctx.arg(1);
        boolean all = pattern.length == 1 && pattern[0] == '*';
        Database db = ctx.db();
        List<byte[]> keys = new ArrayList<>();
        db.forEach((key, value) -> {
            if ((all || GlobMatcher.matches(pattern, key)) && !db.isExpired(key)) {
                keys.add(key);
            }
        });
        ctx.reply().bulks(keys);
    }
}
