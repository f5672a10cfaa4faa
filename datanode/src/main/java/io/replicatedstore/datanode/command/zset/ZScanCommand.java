package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.ScanArgs;
import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.store.ZSetValue;

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
        long cursor = ScanArgs.cursor(ctx.arg(2));
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        if (zset == null) {
            ScanArgs.replyEmpty(ctx);
            return;
        }
        ScanArgs args = ScanArgs.elementOptions(ctx, 3);
        List<byte[]> members = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        long next = zset.scan(cursor, args.intCount(), (member, score) -> {
            if (args.matches(member)) {
                members.add(member);
                scores.add(score);
            }
        });
        RespWriter out = ctx.reply();
        out.array(2).bulk(Long.toUnsignedString(next)).array(members.size() * 2);
        for (int i = 0; i < members.size(); i++) {
            out.bulk(members.get(i));
            out.bulk(DoubleFormat.reply(scores.get(i)).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
