package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.util.GlobMatcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ZSCAN key cursor [MATCH pattern] [COUNT count]}: [next cursor, [member, score, ...]],
 * scores as bulk strings in both protocols. A listpack-encoded set comes back whole in one call.
 */
final class ZScanCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        long cursor = ZSets.parseScanCursor(ctx.arg(2));
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        RespWriter out = ctx.reply();
        if (zset == null) {
            out.array(2).bulk("0").array(0);
            return;
        }
        long count = 10;
        byte[] pattern = null;
        for (int i = 3; i < ctx.argc(); ) {
            int left = ctx.argc() - i;
            if (ctx.argIs(i, "count") && left >= 2) {
                count = ctx.argLong(i + 1);
                if (count < 1) {
                    throw Errors.syntax();
                }
                i += 2;
            } else if (ctx.argIs(i, "match") && left >= 2) {
                byte[] p = ctx.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
                i += 2;
            } else {
                throw Errors.syntax();
            }
        }
        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        byte[] match = pattern;
        long next = zset.scan(cursor, (int) Math.min(Integer.MAX_VALUE, count), (member, score) -> {
            if (match == null || GlobMatcher.matches(match, member)) {
                members.add(member);
                scores.add(score);
            }
        });
        out.array(2).bulk(Long.toUnsignedString(next)).array(members.size() * 2);
        for (int i = 0; i < members.size(); i++) {
            out.bulk(members.get(i));
            out.bulk(DoubleFormat.reply(scores.get(i)).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
