package io.replicatedstore.datanode.command.geo;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.ZSetValue;

/** {@code GEODIST key member1 member2 [M | KM | FT | MI]}: null when a member is missing. */
final class GeoDistCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        double toMeters = 1;
        if (ctx.argc() == 5) {
            toMeters = GeoArgs.unit(ctx, 4);
        } else if (ctx.argc() > 5) {
            throw Errors.syntax();
        }
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        double[] a = zset == null ? null : GeoArgs.memberPosition(zset, ctx.arg(2));
        double[] b = zset == null ? null : GeoArgs.memberPosition(zset, ctx.arg(3));
        if (a == null || b == null) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().bulk(GeoArgs.distance(GeoDistance.distance(a[0], a[1], b[0], b[1]) / toMeters));
    }
}
