package io.replicatedstore.datanode.command.geo;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.store.ZSetValue;

import java.nio.charset.StandardCharsets;

/**
 * {@code GEOHASH key [member ...]}: the standard 11-character geohash of each member, re-encoded
 * over latitudes -90 to 90 from the stored position (the last character is always '0', as the
 * score has 52 bits).
 */
final class GeoHashCommand implements Command {

    private static final byte[] ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void execute(CommandContext ctx) {
        ZSetValue zset = ctx.db().getZSet(ctx.arg(1));
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            double[] xy = zset == null ? null : GeoArgs.memberPosition(zset, ctx.arg(i));
            if (xy == null) {
                ctx.reply().nullBulk();
                continue;
            }
            GeoHash.Cell cell = GeoHash.encode(-180, 180, -90, 90, xy[0], xy[1], GeoHash.STEP_MAX);
            byte[] text = new byte[11];
            for (int c = 0; c < 11; c++) {
                int index = c == 10 ? 0 : (int) ((cell.bits() >>> (52 - (c + 1) * 5)) & 0x1f);
                text[c] = ALPHABET[index];
            }
            ctx.reply().bulk(text);
        }
    }
}
