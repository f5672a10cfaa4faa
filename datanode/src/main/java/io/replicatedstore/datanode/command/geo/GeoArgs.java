package io.replicatedstore.datanode.command.geo;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.ZSetValue;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Parsing of coordinates, distances and units, and the formats of geo replies, as Redis words them. */
final class GeoArgs {

    static final String BAD_MEMBER = "ERR could not decode requested zset member";

    private GeoArgs() {
    }

    /** {lon, lat} from two arguments, checked against the geohash ranges. */
    static double[] lonLat(CommandContext ctx, int index) {
        double lon = ctx.argDouble(index);
        double lat = ctx.argDouble(index + 1);
        if (lon < GeoHash.LONG_MIN || lon > GeoHash.LONG_MAX || lat < GeoHash.LAT_MIN || lat > GeoHash.LAT_MAX) {
            throw Errors.error("ERR invalid longitude,latitude pair " + fixed(lon, 6) + "," + fixed(lat, 6));
        }
        return new double[] {lon, lat};
    }

    /** A member's position, or null when the member is not in the set. */
    static double[] memberPosition(ZSetValue zset, byte[] member) {
        Double score = zset.score(member);
        return score == null ? null : GeoHash.position(score);
    }

    /** Meters per unit: M, KM, FT or MI. */
    static double unit(CommandContext ctx, int index) {
        if (ctx.argIs(index, "m")) {
            return 1;
        } else if (ctx.argIs(index, "km")) {
            return 1000;
        } else if (ctx.argIs(index, "ft")) {
            return 0.3048;
        } else if (ctx.argIs(index, "mi")) {
            return 1609.34;
        }
        throw Errors.error("ERR unsupported unit provided. please use M, KM, FT, MI");
    }

    /** C's printf("%.Nf"): the exact binary value rounded half to even. */
    static String fixed(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** A distance as Redis replies it: rounded to 4 decimals (llrint), always 4 digits. */
    static byte[] distance(double value) {
        long scaled = (long) Math.rint(value * 10000.0);
        return BigDecimal.valueOf(scaled, 4).toPlainString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A coordinate as Redis replies it ("%.17Lf" without trailing zeros): RESP2 bulk, RESP3 double. */
    static void coordinate(CommandContext ctx, double value) {
        String text = new BigDecimal(value).setScale(17, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        if (text.equals("-0")) {
            text = "0";
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (ctx.reply().isResp3()) {
            byte[] resp = new byte[bytes.length + 3];
            resp[0] = ',';
            System.arraycopy(bytes, 0, resp, 1, bytes.length);
            resp[resp.length - 2] = '\r';
            resp[resp.length - 1] = '\n';
            ctx.reply().raw(resp);
        } else {
            ctx.reply().bulk(bytes);
        }
    }
}
