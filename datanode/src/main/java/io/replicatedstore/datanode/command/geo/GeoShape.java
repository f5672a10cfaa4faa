package io.replicatedstore.datanode.command.geo;

import java.util.ArrayList;
import java.util.List;

/**
 * What a search covers: a circle of a radius or an axis-aligned box, around a point, sizes in
 * a unit ({@code conversion} meters each). Knows which points fall inside and which geohash
 * cells to scan (Redis's geohashCalculateAreasByShapeWGS84).
 */
final class GeoShape {

    final double longitude;
    final double latitude;
    final double conversion;
    final boolean box;
    final double radius;
    final double width;
    final double height;

    private GeoShape(double longitude, double latitude, double conversion, boolean box, double radius, double width, double height) {
        this.longitude = longitude;
        this.latitude = latitude;
        this.conversion = conversion;
        this.box = box;
        this.radius = radius;
        this.width = width;
        this.height = height;
    }

    static GeoShape circle(double longitude, double latitude, double radius, double conversion) {
        return new GeoShape(longitude, latitude, conversion, false, radius, 0, 0);
    }

    static GeoShape box(double longitude, double latitude, double width, double height, double conversion) {
        return new GeoShape(longitude, latitude, conversion, true, 0, width, height);
    }

    /** The distance in meters to a point inside the shape, or NaN when it is outside. */
    double distanceIfInside(double lon, double lat) {
        if (!box) {
            double distance = GeoDistance.distance(longitude, latitude, lon, lat);
            return distance > radius * conversion ? Double.NaN : distance;
        }
        if (GeoDistance.latitudeDistance(lat, latitude) > height * conversion / 2) {
            return Double.NaN;
        }
        if (GeoDistance.distance(lon, lat, longitude, lat) > width * conversion / 2) {
            return Double.NaN;
        }
        return GeoDistance.distance(longitude, latitude, lon, lat);
    }

    /** {minLon, minLat, maxLon, maxLat} around the centre. */
    double[] boundingBox() {
        double h = conversion * (box ? height / 2 : radius);
        double w = conversion * (box ? width / 2 : radius);
        double latDelta = GeoDistance.radDeg(h / GeoDistance.EARTH_RADIUS_IN_METERS);
        double lonDeltaTop = GeoDistance.radDeg(w / GeoDistance.EARTH_RADIUS_IN_METERS
                / Math.cos(GeoDistance.degRad(latitude + latDelta)));
        double lonDeltaBottom = GeoDistance.radDeg(w / GeoDistance.EARTH_RADIUS_IN_METERS
                / Math.cos(GeoDistance.degRad(latitude - latDelta)));
        boolean south = latitude < 0;
        return new double[] {
            south ? longitude - lonDeltaBottom : longitude - lonDeltaTop,
            latitude - latDelta,
            south ? longitude + lonDeltaBottom : longitude + lonDeltaTop,
            latitude + latDelta,
        };
    }

    /**
     * The cells to scan, in Redis's order: the centre's cell, then north, south, east, west,
     * north-east, north-west, south-east, south-west; neighbours wholly outside the bounding box
     * are left out, and one equal to the cell scanned just before is skipped.
     */
    List<GeoHash.Cell> cellsToScan() {
        double[] bounds = boundingBox();
        double minLon = bounds[0];
        double minLat = bounds[1];
        double maxLon = bounds[2];
        double maxLat = bounds[3];
        double radiusMeters = box ? Math.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2)) : radius;
        radiusMeters *= conversion;
        int steps = GeoDistance.stepsForRadius(radiusMeters, latitude);
        GeoHash.Cell cell = GeoHash.encode(longitude, latitude, steps);
        GeoHash.Cell[] n = neighbours(cell);
        boolean decrease = GeoHash.decode(n[1]).latMax() < maxLat
                || GeoHash.decode(n[2]).latMin() > minLat
                || GeoHash.decode(n[3]).lonMax() < maxLon
                || GeoHash.decode(n[4]).lonMin() > minLon;
        if (steps > 1 && decrease) {
            steps--;
            cell = GeoHash.encode(longitude, latitude, steps);
            n = neighbours(cell);
        }
        GeoHash.Area area = GeoHash.decode(cell);
        if (steps >= 2) {
            if (area.latMin() < minLat) {
                n[2] = n[7] = n[8] = GeoHash.Cell.NONE;
            }
            if (area.latMax() > maxLat) {
                n[1] = n[5] = n[6] = GeoHash.Cell.NONE;
            }
            if (area.lonMin() < minLon) {
                n[4] = n[8] = n[6] = GeoHash.Cell.NONE;
            }
            if (area.lonMax() > maxLon) {
                n[3] = n[7] = n[5] = GeoHash.Cell.NONE;
            }
        }
        List<GeoHash.Cell> cells = new ArrayList<>(9);
        int lastScanned = 0;
        for (int i = 0; i < n.length; i++) {
            if (n[i].isNone()) {
                continue;
            }
            if (lastScanned != 0 && n[i].equals(n[lastScanned])) {
                continue;
            }
            cells.add(n[i]);
            lastScanned = i;
        }
        return cells;
    }

    /** The cell and its eight neighbours: centre, N, S, E, W, NE, NW, SE, SW. */
    private static GeoHash.Cell[] neighbours(GeoHash.Cell cell) {
        return new GeoHash.Cell[] {
            cell,
            GeoHash.move(cell, 0, 1),
            GeoHash.move(cell, 0, -1),
            GeoHash.move(cell, 1, 0),
            GeoHash.move(cell, -1, 0),
            GeoHash.move(cell, 1, 1),
            GeoHash.move(cell, -1, 1),
            GeoHash.move(cell, 1, -1),
            GeoHash.move(cell, -1, -1),
        };
    }
}
