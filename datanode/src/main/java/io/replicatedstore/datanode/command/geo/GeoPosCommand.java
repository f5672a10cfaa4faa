package io.replicatedstore.datanode.command.geo;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;

/** {@code GEOPOS key [member ...]}: [longitude, latitude] per member, a null array when missing. */
final class GeoPosCommand implements Command {

    @Override
    public void execute(CommandContext ctx) {
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            double[] xy = zset == null ? null : GeoArgs.memberPosition(zset, ctx.arg(i));
            if (xy == null) {
                ctx.reply().nullArray();
                continue;
            }
            ctx.reply().array(2);
            GeoArgs.coordinate(ctx, xy[0]);
            GeoArgs.coordinate(ctx, xy[1]);
        }
    }
}
