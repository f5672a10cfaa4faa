package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientLimitsRewriteTest {

    @Test
    void changedClassesAreWrittenOnePerLineInRedisUnitsReusingOldLinesAsRedisDoes() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[] {"--client-output-buffer-limit", "normal 1mb 512kb 10",
            "--maxmemory-clients", "5%"});
        // As redis-server 7.0.15 rewrites this file: the old pubsub line takes the first class
        // written (normal); the default classes have no line left and are not forced.
        String old = String.join("\n", "port 6379", "client-output-buffer-limit pubsub 32mb 8mb 60", "");
        List<String> lines = List.of(ConfigRewriter.rewriteText(config, old, false).split("\n", -1));
        assertThat(lines).startsWith("port 6379", "client-output-buffer-limit normal 1mb 512kb 10");
        assertThat(lines).contains("maxmemory-clients 5%");
        assertThat(lines.stream().filter(l -> l.startsWith("client-output-buffer-limit"))).hasSize(1);
    }

    @Test
    void everyNonDefaultClassGetsALineAndTheReplicaClassIsNamedReplica() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[] {"--client-output-buffer-limit",
            "slave 1gb 100mb 30 pubsub 1000 0 0"});
        List<String> lines = List.of(ConfigRewriter.rewriteText(config, "", false).split("\n", -1));
        assertThat(lines).contains("client-output-buffer-limit replica 1gb 100mb 30",
                "client-output-buffer-limit pubsub 1000 0 0");
        assertThat(lines).noneMatch(l -> l.startsWith("client-output-buffer-limit normal"));
    }
}
