package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.ConfigLoader;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** enable-debug-command and enable-protected-configs, Redis 7.0's guards on DEBUG and on where files go. */
class ProtectedActionsTest {

    private static final RespClient.Error DEBUG_REFUSED = new RespClient.Error("ERR DEBUG command not allowed. "
            + "If the enable-debug-command option is set to \"local\", you can run it from a local connection, "
            + "otherwise you need to set this option in the configuration file, and then restart the server.");

    @ParameterizedTest(name = "{0} from a local connection: {1}, from elsewhere: {2}")
    @CsvSource({"no, false, false", "yes, true, true", "local, true, false"})
    void aProtectedActionIsAllowedAsItsSettingSays(String setting, boolean local, boolean remote) throws Exception {
        Config config = ConfigLoader.fromArgs(new String[] {"--enable-debug-command", setting});
        assertThat(Config.allows(config.enableDebugCommand, true)).isEqualTo(local);
        assertThat(Config.allows(config.enableDebugCommand, false)).isEqualTo(remote);
    }

    @Test
    void byDefaultDebugIsRefusedEvenBeforeAuthenticationAndDirCannotBeSet() {
        try (TestNode node = TestNode.start("--requirepass", "pw"); RespClient c = node.client()) {
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo(DEBUG_REFUSED);
            assertThat(c.call("DEBUG")).isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'debug' command"));
            assertThat(c.call("AUTH", "pw")).isEqualTo("OK");
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo(DEBUG_REFUSED);
            for (String name : List.of("dir", "dbfilename", "DIR")) {
                assertThat(c.call("CONFIG", "SET", name, "x")).isEqualTo(new RespClient.Error(
                        "ERR CONFIG SET failed (possibly related to argument '" + name + "') - can't set protected config"));
            }
            // The whole multi-set fails and changes nothing.
            assertThat(c.call("CONFIG", "SET", "hz", "20", "dir", "/tmp")).isInstanceOf(RespClient.Error.class);
            assertThat(c.call("CONFIG", "GET", "hz")).isEqualTo(List.of("hz", "10"));
            for (String name : List.of("enable-debug-command", "enable-protected-configs", "enable-module-command")) {
                assertThat(c.call("CONFIG", "GET", name)).isEqualTo(List.of(name, "no"));
                assertThat(c.call("CONFIG", "SET", name, "yes")).isEqualTo(new RespClient.Error(
                        "ERR CONFIG SET failed (possibly related to argument '" + name + "') - can't set immutable config"));
            }
            assertThat(c.call("INFO", "commandstats").toString()).contains("cmdstat_debug:calls=0,usec=0,usec_per_call=0.00,rejected_calls=3");
        }
    }

    @Test
    void aRefusedDebugInsideMultiAbortsTheTransaction() {
        try (TestNode node = TestNode.start(); RespClient c = node.client()) {
            assertThat(c.call("MULTI")).isEqualTo("OK");
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo(DEBUG_REFUSED);
            assertThat(c.call("EXEC")).isEqualTo(
                    new RespClient.Error("EXECABORT Transaction discarded because of previous errors."));
        }
    }

    @Test
    void localLetsLoopbackConnectionsDebugAndMoveTheDataDirectory() {
        try (TestNode node = TestNode.start("--enable-debug-command", "local", "--enable-protected-configs", "local");
                RespClient c = node.client()) {
            assertThat(c.call("DEBUG", "SLEEP", "0")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "dbfilename", "other.rdb")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "GET", "dbfilename")).isEqualTo(List.of("dbfilename", "other.rdb"));
        }
    }
}
