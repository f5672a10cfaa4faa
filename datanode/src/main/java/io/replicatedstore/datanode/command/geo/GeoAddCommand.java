package io.replicatedstore.datanode.command.geo;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.error.Errors;

import java.nio.charset.StandardCharsets;

/**
 * {@code GEOADD key [NX | XX] [CH] longitude latitude member [...]}: as Redis does, the command
 * becomes {@code ZADD key [options] score member ...} with each point's 52-bit score; that ZADD
 * runs and is what replicas and the AOF get.
 */
final class GeoAddCommand implements Command {

    private static final byte[] ZADD = "zadd".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void execute(CommandContext ctx) {
        int first = 2;
        boolean nx = false;
        boolean xx = false;
        while (first < ctx.argc()) {
            if (ctx.argIs(first, "nx")) {
                nx = true;
            } else if (ctx.argIs(first, "xx")) {
                xx = true;
            } else if (!ctx.argIs(first, "ch")) {
                break;
            }
            first++;
        }
        if ((ctx.argc() - first) % 3 != 0 || (nx && xx)) {
            throw Errors.syntax();
        }
        int elements = (ctx.argc() - first) / 3;
        byte[][] zadd = new byte[first + elements * 2][];
        zadd[0] = ZADD;
        for (int i = 1; i < first; i++) {
            zadd[i] = ctx.arg(i);
        }
        for (int i = 0; i < elements; i++) {
            double[] xy = GeoArgs.lonLat(ctx, first + i * 3);
            zadd[first + i * 2] = Long.toString(GeoHash.score(xy[0], xy[1])).getBytes(StandardCharsets.US_ASCII);
            zadd[first + i * 2 + 1] = ctx.arg(first + i * 3 + 2);
        }
        CommandSpec spec = ctx.commands().lookup("zadd");
        CommandContext inner = new CommandContext(ctx.dispatcher(), ctx.client(), spec, zadd, ctx.inExec());
        spec.command().execute(inner);
        if (inner.propagatedArgv() != null) {
            ctx.propagateAs(zadd);
            ctx.forcePropagation();
        }
    }
}
