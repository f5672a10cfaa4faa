package io.replicatedstore.operator.nodes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicationInfoTest {

    private static ReplicationInfo replica(String link, long lastIoSecondsAgo, long downSinceSeconds) {
        return ReplicationInfo.parse("""
                # Replication\r
                role:slave\r
                master_host:m\r
                master_port:6379\r
                master_link_status:%s\r
                master_last_io_seconds_ago:%d\r
                master_sync_in_progress:0\r
                master_link_down_since_seconds:%d\r
                """.formatted(link, lastIoSecondsAgo, downSinceSeconds));
    }

    @Test
    void aLinkDownForDownAfterSeesTheMasterDown() {
        assertThat(replica("down", -1, 1).seesMasterDown(2000, 1000)).isFalse();
        assertThat(replica("down", -1, 2).seesMasterDown(2000, 1000)).isTrue();
    }

    @Test
    void aLinkUpButSilentForDownAfterBeyondThePingPeriodSeesTheMasterDown() {
        // An idle master PINGs every second: up to a second of silence is normal.
        assertThat(replica("up", 0, -1).seesMasterDown(2000, 1000)).isFalse();
        assertThat(replica("up", 1, -1).seesMasterDown(2000, 1000)).isFalse();
        // Frozen: nothing, not even the PINGs, for down-after.
        assertThat(replica("up", 2, -1).seesMasterDown(2000, 1000)).isTrue();
        // down-after shorter than the PING period allows: a second more than the period.
        assertThat(replica("up", 1, -1).seesMasterDown(500, 1000)).isFalse();
        assertThat(replica("up", 2, -1).seesMasterDown(500, 1000)).isTrue();
        // With Redis's 10 s period, 3 s of silence says nothing.
        assertThat(replica("up", 3, -1).seesMasterDown(2000, 10_000)).isFalse();
    }

    @Test
    void aReplicaThatNeverHeardFromItsMasterSaysNothingByItsLastIo() {
        assertThat(replica("up", -1, -1).seesMasterDown(0, 0)).isFalse();
    }
}
