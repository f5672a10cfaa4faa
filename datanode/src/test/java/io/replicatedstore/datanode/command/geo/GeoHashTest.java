package io.replicatedstore.datanode.command.geo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The geohash arithmetic against values redis-server 7.0 gives for the same points. */
class GeoHashTest {

    @Test
    void scoresAreRedisScoresIncludingTheRangeLimits() {
        Object[][] table = {
            // longitude, latitude, Redis's GEOADD score
            {13.361389, 38.115556, 3479099956230698L},
            {0.0, 0.0, 3377699720527872L},
            {-0.0001, -0.0001, 1125899906841058L},
            {-180.0, -85.05112878, 0L},
            // the top latitude overflows 26 bits in Redis: the score is 3 * 2^52
            {180.0, 85.05112878, 13510798882111488L},
        };
        for (Object[] row : table) {
            assertThat(GeoHash.score((Double) row[0], (Double) row[1])).as("%s,%s", row[0], row[1]).isEqualTo(row[2]);
        }
    }

    @Test
    void aScoreDecodesToTheCentreOfItsCellClampedToTheRanges() {
        assertThat(GeoHash.position(3479099956230698L)).containsExactly(13.361389338970184, 38.1155563954963);
        assertThat(GeoHash.position(13510798882111488L)).containsExactly(180.0, 85.05112878);
        assertThat(GeoHash.position(0)).containsExactly(-179.99999731779099, -85.05112751263943);
    }

    @Test
    void outOfRangePointsHaveNoCell() {
        assertThat(GeoHash.encode(180.0001, 0, 26)).isNull();
        assertThat(GeoHash.encode(0, 85.06, 26)).isNull();
    }

    @Test
    void movingACellEastThenWestComesBackAndWrapsAroundTheAntimeridian() {
        GeoHash.Cell cell = GeoHash.encode(13.36, 38.11, 10);
        assertThat(GeoHash.move(GeoHash.move(cell, 1, 0), -1, 0)).isEqualTo(cell);
        assertThat(GeoHash.move(GeoHash.move(cell, 0, -1), 0, 1)).isEqualTo(cell);
        GeoHash.Cell east = GeoHash.encode(179.99, 0, 10);
        GeoHash.Area wrapped = GeoHash.decode(GeoHash.move(east, 1, 0));
        assertThat(wrapped.lonMin()).isEqualTo(-180.0);
        assertThat(GeoHash.decode(east).lonMax()).isEqualTo(180.0);
    }

    @Test
    void distancesAreRedisDistances() {
        double[] palermo = GeoHash.position(3479099956230698L);
        double[] catania = GeoHash.position(3479447370796909L);
        assertThat(new String(GeoArgs.distance(GeoDistance.distance(palermo[0], palermo[1], catania[0], catania[1]) / 1000)))
                .isEqualTo("166.2742");
        assertThat(new String(GeoArgs.distance(0))).isEqualTo("0.0000");
        assertThat(GeoDistance.stepsForRadius(0, 0)).isEqualTo(26);
        assertThat(GeoDistance.stepsForRadius(200_000, 0)).isEqualTo(6);
        assertThat(GeoDistance.stepsForRadius(200_000, 81)).isEqualTo(4);
    }

    @Test
    void fixedPointFormattingRoundsTheExactBinaryValue() {
        assertThat(GeoArgs.fixed(200, 6)).isEqualTo("200.000000");
        assertThat(GeoArgs.fixed(0.1234565, 6)).isEqualTo("0.123456");
        assertThat(GeoArgs.fixed(-85.1, 6)).isEqualTo("-85.100000");
    }
}
