package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A script running past busy-reply-threshold, seen from a second client: -BUSY for its commands,
 * SCRIPT KILL stops a script that has not written and is refused (UNKILLABLE) for one that has.
 * The same scenario against the data node and Debian's redis-server 7.0, replies compared.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BusyScriptIT {

    private static final String BUSY = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    private static final String LOOP = "local i = 0 while true do i = i + 1 end";
    /** Writes, then runs for four to five seconds of the server's clock (time enough for the other client under load). */
    private static final String WRITE_THEN_LOOP =
            "redis.call('SET', 'w', '1') local stop = tonumber(redis.call('TIME')[1]) + 5 "
            + "while tonumber(redis.call('TIME')[1]) < stop do end return 'done'";

    private static ServerProcess start(String server) {
        return server.equals("redis") ? ServerProcess.redis("--busy-reply-threshold", "200")
                : ServerProcess.dataNode("--busy-reply-threshold", "200");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"datanode", "redis"})
    void otherClientsGetBusyAndScriptKillStopsAScriptThatHasNotWritten(String server) throws Exception {
        try (ServerProcess node = start(server); RespClient runner = node.client(); RespClient other = node.client()) {
            assertThat(other.call("SCRIPT", "KILL")).isEqualTo(new RespClient.Error("NOTBUSY No scripts in execution right now."));
            runner.send("EVAL", LOOP, "0");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> new RespClient.Error(BUSY).equals(other.call("PING")));
            assertThat(other.call("GET", "x")).isEqualTo(new RespClient.Error(BUSY));
            assertThat(other.call("SCRIPT", "KILL")).isEqualTo("OK");
            assertThat(runner.read()).isEqualTo(new RespClient.Error(
                    "ERR Script killed by user with SCRIPT KILL... script: 3fcf51a9b854b8f66cb8685600b0d7df968f4398, on @user_script:1."));
            assertThat(other.call("PING")).isEqualTo("PONG");
            assertThat(runner.call("PING")).isEqualTo("PONG");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"datanode", "redis"})
    void aScriptThatWroteCannotBeKilledAndFinishes(String server) throws Exception {
        try (ServerProcess node = start(server); RespClient runner = node.client(); RespClient other = node.client()) {
            CompletableFuture<Object> reply = CompletableFuture.supplyAsync(() -> runner.call("EVAL", WRITE_THEN_LOOP, "0"));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> new RespClient.Error(BUSY).equals(other.call("PING")));
            assertThat(other.call("SCRIPT", "KILL")).isEqualTo(new RespClient.Error("UNKILLABLE Sorry the script already "
                    + "executed write commands against the dataset. You can either wait the script termination or kill the "
                    + "server in a hard way using the SHUTDOWN NOSAVE command."));
            assertThat(reply.get(30, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(other.call("GET", "w")).isEqualTo("1");
        }
    }
}
