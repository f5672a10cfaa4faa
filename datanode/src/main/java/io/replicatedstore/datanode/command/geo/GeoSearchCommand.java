package io.replicatedstore.datanode.command.geo;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.store.ZSetValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GEOSEARCH, GEOSEARCHSTORE, GEORADIUS, GEORADIUSBYMEMBER and their _RO forms (Redis's
 * georadiusGeneric): options parsed in Redis's order with its errors, the points of the nine
 * cells around the centre collected in Redis's order, then sorted by distance (stably, so ties
 * keep the order they were found in), and replied or stored.
 *
 * <pre>
 * GEORADIUS key longitude latitude radius unit [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC|DESC] [STORE key] [STOREDIST key]
 * GEORADIUSBYMEMBER key member radius unit [same options]
 * GEOSEARCH key FROMMEMBER member | FROMLONLAT longitude latitude BYRADIUS radius unit | BYBOX width height unit [ASC|DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
 * GEOSEARCHSTORE destination source [same as GEOSEARCH without WITH*] [STOREDIST]
 * </pre>
 */
final class GeoSearchCommand implements Command {

    enum Kind { RADIUS, RADIUS_RO, BY_MEMBER, BY_MEMBER_RO, SEARCH, SEARCH_STORE }

    private record Point(byte[] member, double score, double longitude, double latitude, double distance) {
    }

    private final Kind kind;

    GeoSearchCommand(Kind kind) {
        this.kind = kind;
    }

    @Override
    public void execute(CommandContext ctx) {
        boolean search = kind == Kind.SEARCH || kind == Kind.SEARCH_STORE;
        boolean noStore = kind == Kind.RADIUS_RO || kind == Kind.BY_MEMBER_RO;
        int sourceIndex = kind == Kind.SEARCH_STORE ? 2 : 1;
        ZSetValue zset = ctx.db().getZSet(ctx.arg(sourceIndex));
        byte[] storeKey = kind == Kind.SEARCH_STORE ? ctx.arg(1) : null;
        boolean storeDist = false;
        double[] center = null;
        double conversion = 0;
        double radius = 0;
        double width = 0;
        double height = 0;
        boolean box = false;
        int base;
        if (kind == Kind.RADIUS || kind == Kind.RADIUS_RO) {
            base = 6;
            center = GeoArgs.lonLat(ctx, 2);
            radius = radius(ctx, 4);
            conversion = GeoArgs.unit(ctx, 5);
        } else if (kind == Kind.BY_MEMBER || kind == Kind.BY_MEMBER_RO) {
            base = 5;
            if (zset != null) {
                center = GeoArgs.memberPosition(zset, ctx.arg(2));
                if (center == null) {
                    throw Errors.error(GeoArgs.BAD_MEMBER);
                }
                radius = radius(ctx, 3);
                conversion = GeoArgs.unit(ctx, 4);
            }
        } else {
            base = kind == Kind.SEARCH_STORE ? 3 : 2;
        }
        boolean withDist = false;
        boolean withHash = false;
        boolean withCoord = false;
        boolean fromMember = false;
        boolean fromLonLat = false;
        boolean byRadius = false;
        boolean byBox = false;
        int sort = 0; // 0 none, 1 ascending, -1 descending
        boolean any = false;
        long count = 0;
        int remaining = ctx.argc() - base;
        for (int i = 0; i < remaining; i++) {
            int at = base + i;
            if (ctx.argIs(at, "withdist")) {
                withDist = true;
            } else if (ctx.argIs(at, "withhash")) {
                withHash = true;
            } else if (ctx.argIs(at, "withcoord")) {
                withCoord = true;
            } else if (ctx.argIs(at, "any")) {
                any = true;
            } else if (ctx.argIs(at, "asc")) {
                sort = 1;
            } else if (ctx.argIs(at, "desc")) {
                sort = -1;
            } else if (ctx.argIs(at, "count") && i + 1 < remaining) {
                count = ctx.argLong(at + 1);
                if (count <= 0) {
                    throw Errors.error("ERR COUNT must be > 0");
                }
                i++;
            } else if ((ctx.argIs(at, "store") || ctx.argIs(at, "storedist")) && i + 1 < remaining && !noStore && !search) {
                storeKey = ctx.arg(at + 1);
                storeDist = ctx.argIs(at, "storedist");
                i++;
            } else if (ctx.argIs(at, "storedist") && kind == Kind.SEARCH_STORE) {
                storeDist = true;
            } else if (ctx.argIs(at, "frommember") && i + 1 < remaining && search && !fromLonLat) {
                if (zset != null) {
                    center = GeoArgs.memberPosition(zset, ctx.arg(at + 1));
                    if (center == null) {
                        throw Errors.error(GeoArgs.BAD_MEMBER);
                    }
                }
                fromMember = true;
                i++;
            } else if (ctx.argIs(at, "fromlonlat") && i + 2 < remaining && search && !fromMember) {
                center = GeoArgs.lonLat(ctx, at + 1);
                fromLonLat = true;
                i += 2;
            } else if (ctx.argIs(at, "byradius") && i + 2 < remaining && search && !byBox) {
                radius = radius(ctx, at + 1);
                conversion = GeoArgs.unit(ctx, at + 2);
                byRadius = true;
                box = false;
                i += 2;
            } else if (ctx.argIs(at, "bybox") && i + 3 < remaining && search && !byRadius) {
                width = ctx.argDouble(at + 1, "ERR need numeric width");
                height = ctx.argDouble(at + 2, "ERR need numeric height");
                if (height < 0 || width < 0) {
                    throw Errors.error("ERR height or width cannot be negative");
                }
                conversion = GeoArgs.unit(ctx, at + 3);
                byBox = true;
                box = true;
                i += 3;
            } else {
                throw Errors.syntax();
            }
        }
        if (storeKey != null && (withDist || withHash || withCoord)) {
            throw Errors.error("ERR " + (kind == Kind.SEARCH_STORE ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS")
                    + " is not compatible with WITHDIST, WITHHASH and WITHCOORD options");
        }
        if (search && !(fromMember || fromLonLat)) {
            throw Errors.error("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for " + ctx.argString(0));
        }
        if (search && !(byRadius || byBox)) {
            throw Errors.error("ERR exactly one of BYRADIUS and BYBOX can be specified for " + ctx.argString(0));
        }
        if (any && count == 0) {
            throw Errors.error("ERR the ANY argument requires COUNT argument");
        }
        if (zset == null) {
            if (storeKey != null) {
                if (ctx.db().delete(storeKey)) {
                    ctx.modified(storeKey);
                }
                ctx.reply().integer(0);
            } else {
                ctx.reply().array(0);
            }
            return;
        }
        if (count != 0 && sort == 0 && !any) {
            sort = 1;
        }
        GeoShape shape = box ? GeoShape.box(center[0], center[1], width, height, conversion)
                : GeoShape.circle(center[0], center[1], radius, conversion);
        List<Point> points = collect(zset, shape, any ? count : 0);
        if (points.isEmpty() && storeKey == null) {
            ctx.reply().array(0);
            return;
        }
        if (sort != 0) {
            Comparator<Point> byDistance = Comparator.comparingDouble(Point::distance);
            points.sort(sort > 0 ? byDistance : byDistance.reversed());
        }
        int returned = (int) (count == 0 || points.size() < count ? points.size() : count);
        if (storeKey == null) {
            reply(ctx, points.subList(0, returned), conversion, withDist, withHash, withCoord);
        } else {
            store(ctx, storeKey, points.subList(0, returned), conversion, storeDist);
        }
    }

    private static double radius(CommandContext ctx, int index) {
        double radius = ctx.argDouble(index, "ERR need numeric radius");
        if (radius < 0) {
            throw Errors.error("ERR radius cannot be negative");
        }
        return radius;
    }

    /** The points inside the shape, cell by cell, each cell in score order; at most {@code limit} (0: all). */
    private static List<Point> collect(ZSetValue zset, GeoShape shape, long limit) {
        List<Point> points = new ArrayList<>();
        for (GeoHash.Cell cell : shape.cellsToScan()) {
            if (limit > 0 && points.size() >= limit) {
                break;
            }
            double min = GeoHash.align52(cell);
            double max = GeoHash.align52(new GeoHash.Cell(cell.bits() + 1, cell.step()));
            ZSetValue.ScoreRange range = new ZSetValue.ScoreRange(min, false, max, true);
            for (ZSetValue.Node node = zset.firstInRange(range); node != null && range.lteMax(node.score()); node = node.next()) {
                double[] xy = GeoHash.position(node.score());
                double distance = shape.distanceIfInside(xy[0], xy[1]);
                if (!Double.isNaN(distance)) {
                    points.add(new Point(node.member(), node.score(), xy[0], xy[1], distance));
                }
                if (limit > 0 && points.size() >= limit) {
                    break;
                }
            }
        }
        return points;
    }

    private static void reply(CommandContext ctx, List<Point> points, double conversion,
                              boolean withDist, boolean withHash, boolean withCoord) {
        int options = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoord ? 1 : 0);
        ctx.reply().array(points.size());
        for (Point p : points) {
            if (options > 0) {
                ctx.reply().array(options + 1);
            }
            ctx.reply().bulk(p.member());
            if (withDist) {
                ctx.reply().bulk(GeoArgs.distance(p.distance() / conversion));
            }
            if (withHash) {
                ctx.reply().integer((long) p.score());
            }
            if (withCoord) {
                ctx.reply().array(2);
                GeoArgs.coordinate(ctx, p.longitude());
                GeoArgs.coordinate(ctx, p.latitude());
            }
        }
    }

    private static void store(CommandContext ctx, byte[] key, List<Point> points, double conversion, boolean storeDist) {
        if (points.isEmpty()) {
            if (ctx.db().delete(key)) {
                ctx.modified(key);
            }
            ctx.reply().integer(0);
            return;
        }
        ZSetValue result = new ZSetValue();
        int longest = 0;
        for (Point p : points) {
            result.put(p.member(), storeDist ? p.distance() / conversion : p.score());
            longest = Math.max(longest, p.member().length);
        }
        long maxEntries = ctx.config().zsetMaxListpackEntries.get();
        long maxValue = ctx.config().zsetMaxListpackValue.get();
        result.updateEncoding((int) Math.min(Integer.MAX_VALUE, maxEntries), (int) Math.min(Integer.MAX_VALUE, maxValue));
        ctx.db().put(key, result);
        ctx.modified(key);
        ctx.dirty(points.size() - 1);
        ctx.reply().integer(points.size());
    }
}
