package io.replicatedstore.datanode.command.geo;

/**
 * Distances on a sphere of Redis's radius (the haversine formula, as Redis writes it), and the
 * search step and bounding box Redis derives from a search shape.
 */
public final class GeoDistance {

    public static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
    private static final double MERCATOR_MAX = 20037726.37;
    private static final double D_R = Math.PI / 180.0;

    private GeoDistance() {
    }

    static double degRad(double angle) {
        return angle * D_R;
    }

    static double radDeg(double angle) {
        return angle / D_R;
    }

    public static double latitudeDistance(double lat1, double lat2) {
        return EARTH_RADIUS_IN_METERS * Math.abs(degRad(lat2) - degRad(lat1));
    }

    /**
     * Meters between two points. Math rather than StrictMath: HotSpot's sin and cos agree with
     * glibc's in all but about 1 in 800 arguments (StrictMath's in 1 in 45); asin differs from
     * glibc's in the last bit for about 6% of arguments either way, so a distance may differ from
     * Redis's by an ulp (STOREDIST scores; a point exactly on a radius edge).
     */
    public static double distance(double lon1, double lat1, double lon2, double lat2) {
        double lon1r = degRad(lon1);
        double lon2r = degRad(lon2);
        double v = Math.sin((lon2r - lon1r) / 2);
        if (v == 0.0) {
            return latitudeDistance(lat1, lat2);
        }
        double lat1r = degRad(lat1);
        double lat2r = degRad(lat2);
        double u = Math.sin((lat2r - lat1r) / 2);
        double a = u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v;
        return 2.0 * EARTH_RADIUS_IN_METERS * Math.asin(Math.sqrt(a));
    }

    /** The geohash step whose cells (with their neighbours) cover a radius at a latitude. */
    static int stepsForRadius(double rangeMeters, double lat) {
        if (rangeMeters == 0) {
            return GeoHash.STEP_MAX;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        return Math.max(1, Math.min(GeoHash.STEP_MAX, step));
    }
}
