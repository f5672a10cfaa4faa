package io.replicatedstore.datanode.command.geo;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/** Geospatial commands on sorted sets whose scores are 52-bit geohashes, with Redis 7.0's table entries. */
public final class GeoCommands {

    private GeoCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("geoadd", -5, "write denyoom").keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Adds points, by longitude and latitude, to a sorted set").handler(new GeoAddCommand()));
        table.add(command("geodist", -4, "readonly").keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Returns the distance between two points of a geo set").handler(new GeoDistCommand()));
        table.add(command("geohash", -2, "readonly").keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Returns the standard geohash strings of points of a geo set").handler(new GeoHashCommand()));
        table.add(command("geopos", -2, "readonly").keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Returns the longitude and latitude of points of a geo set").handler(new GeoPosCommand()));
        table.add(command("georadius", -6, "write denyoom").keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Finds points within a radius of a position, optionally storing them")
                .handler(new GeoSearchCommand(GeoSearchCommand.Kind.RADIUS)));
        table.add(command("georadius_ro", -6, "readonly").keys(1, 1, 1).group("geo").since("3.2.10")
                .summary("Finds points within a radius of a position").handler(new GeoSearchCommand(GeoSearchCommand.Kind.RADIUS_RO)));
        table.add(command("georadiusbymember", -5, "write denyoom").keys(1, 1, 1).group("geo").since("3.2.0")
                .summary("Finds points within a radius of a member, optionally storing them")
                .handler(new GeoSearchCommand(GeoSearchCommand.Kind.BY_MEMBER)));
        table.add(command("georadiusbymember_ro", -5, "readonly").keys(1, 1, 1).group("geo").since("3.2.10")
                .summary("Finds points within a radius of a member").handler(new GeoSearchCommand(GeoSearchCommand.Kind.BY_MEMBER_RO)));
        table.add(command("geosearch", -7, "readonly").keys(1, 1, 1).group("geo").since("6.2.0")
                .summary("Finds points within a circle or a box around a member or a position")
                .handler(new GeoSearchCommand(GeoSearchCommand.Kind.SEARCH)));
        table.add(command("geosearchstore", -8, "write denyoom").keys(1, 2, 1).group("geo").since("6.2.0")
                .summary("Stores the points within a circle or a box around a member or a position")
                .handler(new GeoSearchCommand(GeoSearchCommand.Kind.SEARCH_STORE)));
    }
}
