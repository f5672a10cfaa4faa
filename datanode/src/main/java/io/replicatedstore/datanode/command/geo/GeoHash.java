package io.replicatedstore.datanode.command.geo;

/**
 * Redis's geohash arithmetic: a point is a 52-bit score, latitude bits (over -85.05112878 to
 * 85.05112878, the Web Mercator range) interleaved with longitude bits (over -180 to 180), 26 of
 * each, latitude in the even positions. Everything here is pure and in the same floating point
 * operations as Redis, so scores, decoded coordinates and search areas match it bit for bit.
 */
public final class GeoHash {

    public static final int STEP_MAX = 26;
    public static final double LAT_MIN = -85.05112878;
    public static final double LAT_MAX = 85.05112878;
    public static final double LONG_MIN = -180;
    public static final double LONG_MAX = 180;

    private GeoHash() {
    }

    /** A cell: its interleaved bits at {@code step} bits per coordinate; step 0 and bits 0 is "none". */
    public record Cell(long bits, int step) {
        static final Cell NONE = new Cell(0, 0);

        boolean isNone() {
            return bits == 0 && step == 0;
        }
    }

    /** The bounds of a cell. */
    public record Area(double lonMin, double lonMax, double latMin, double latMax) {
    }

    /** The cell of a point at {@code step}, over the given ranges; null when out of range. */
    public static Cell encode(double lonMin, double lonMax, double latMin, double latMax,
                              double longitude, double latitude, int step) {
        if (longitude > LONG_MAX || longitude < LONG_MIN || latitude > LAT_MAX || latitude < LAT_MIN) {
            return null;
        }
        if (latitude < latMin || latitude > latMax || longitude < lonMin || longitude > lonMax) {
            return null;
        }
        double latOffset = (latitude - latMin) / (latMax - latMin);
        double lonOffset = (longitude - lonMin) / (lonMax - lonMin);
        latOffset *= (double) (1L << step);
        lonOffset *= (double) (1L << step);
        return new Cell(interleave(toUint32(latOffset), toUint32(lonOffset)), step);
    }

    public static Cell encode(double longitude, double latitude, int step) {
        return encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, longitude, latitude, step);
    }

    /** C's conversion of a non-negative double to uint32_t (truncation). */
    private static long toUint32(double value) {
        return ((long) value) & 0xffffffffL;
    }

    /** The 52-bit score of a point (GEOADD). */
    public static long score(double longitude, double latitude) {
        return align52(encode(longitude, latitude, STEP_MAX));
    }

    public static long align52(Cell cell) {
        return cell.bits() << (52 - cell.step() * 2);
    }

    /** Spreads the low 32 bits of x to the even bits and of y to the odd bits. */
    static long interleave(long x, long y) {
        return spread(x) | (spread(y) << 1);
    }

    private static long spread(long v) {
        v &= 0xffffffffL;
        v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
        v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
        v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v << 2)) & 0x3333333333333333L;
        v = (v | (v << 1)) & 0x5555555555555555L;
        return v;
    }

    private static long squeeze(long v) {
        v &= 0x5555555555555555L;
        v = (v | (v >>> 1)) & 0x3333333333333333L;
        v = (v | (v >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        v = (v | (v >>> 4)) & 0x00FF00FF00FF00FFL;
        v = (v | (v >>> 8)) & 0x0000FFFF0000FFFFL;
        v = (v | (v >>> 16)) & 0x00000000FFFFFFFFL;
        return v;
    }

    /** The bounds of a cell over the given ranges. */
    public static Area decode(double lonMin, double lonMax, double latMin, double latMax, Cell cell) {
        long lat = squeeze(cell.bits());
        long lon = squeeze(cell.bits() >>> 1);
        double latScale = latMax - latMin;
        double lonScale = lonMax - lonMin;
        double cells = (double) (1L << cell.step());
        return new Area(
                lonMin + (lon * 1.0 / cells) * lonScale,
                lonMin + ((lon + 1) * 1.0 / cells) * lonScale,
                latMin + (lat * 1.0 / cells) * latScale,
                latMin + ((lat + 1) * 1.0 / cells) * latScale);
    }

    public static Area decode(Cell cell) {
        return decode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, cell);
    }

    /** The point a score stands for: its cell's centre, clamped to the valid ranges ({lon, lat}). */
    public static double[] position(double score) {
        Area area = decode(new Cell(scoreBits(score), STEP_MAX));
        double lon = (area.lonMin() + area.lonMax()) / 2;
        double lat = (area.latMin() + area.latMax()) / 2;
        lon = Math.max(LONG_MIN, Math.min(LONG_MAX, lon));
        lat = Math.max(LAT_MIN, Math.min(LAT_MAX, lat));
        return new double[] {lon, lat};
    }

    /** C's (uint64_t) of a score. */
    private static long scoreBits(double score) {
        if (score >= 0x1p63) {
            return (long) (score - 0x1p63) ^ Long.MIN_VALUE;
        }
        return (long) score;
    }

    private static final long LONGITUDE_BITS = 0xaaaaaaaaaaaaaaaaL;
    private static final long LATITUDE_BITS = 0x5555555555555555L;

    /** The cell moved by dx along longitude and dy along latitude (-1, 0 or 1), wrapping around. */
    static Cell move(Cell cell, int dx, int dy) {
        int shift = 64 - cell.step() * 2;
        long bits = step(cell.bits(), dx, LONGITUDE_BITS, LATITUDE_BITS, shift);
        bits = step(bits, dy, LATITUDE_BITS, LONGITUDE_BITS, shift);
        return new Cell(bits, cell.step());
    }

    /**
     * Adds {@code d} (-1, 0 or 1) to the interleaved coordinate held in {@code own}'s bits, the
     * other coordinate's bits left as they are: the carry skips the other's bits because they
     * are first set to ones ({@code zz}).
     */
    private static long step(long bits, int d, long own, long other, int shift) {
        if (d == 0) {
            return bits;
        }
        long value = bits & own;
        long zz = other >>> shift;
        if (d > 0) {
            value = value + (zz + 1);
        } else {
            value = value | zz;
            value = value - (zz + 1);
        }
        return (value & (own >>> shift)) | (bits & other);
    }
}
