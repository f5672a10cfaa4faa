package io.replicatedstore.operator.sentinel;

import io.lettuce.core.RedisConnectionException;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreMonitorTest {

    @Test
    void onlyARefusedConnectionSaysNothingListens() {
        assertThat(StoreMonitor.refused(new RedisConnectionException("Unable to connect to 10.0.0.5:6379",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(StoreMonitor.refused(new RedisConnectionException("Unable to connect to 10.0.0.5:6379",
                new ConnectTimeoutException("connection timed out")))).as("a timeout: slow or cut off").isFalse();
        assertThat(StoreMonitor.refused(new RedisConnectionException("no answer from 10.0.0.5:6379 within 1000 ms")))
                .isFalse();
    }
}
