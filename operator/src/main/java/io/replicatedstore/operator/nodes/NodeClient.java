package io.replicatedstore.operator.nodes;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/** Talks RESP to data nodes (Lettuce): INFO replication and the role changes the operator makes. */
@ApplicationScoped
public class NodeClient {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ProtocolKeyword FAILOVER = new ProtocolKeyword() {
        private final byte[] bytes = "FAILOVER".getBytes(StandardCharsets.US_ASCII);

        @Override
        public byte[] getBytes() {
            return bytes;
        }

        @Override
        public String name() {
            return "FAILOVER";
        }
    };

    private final RedisClient client = RedisClient.create();

    public ReplicationInfo replication(NodeAddress node, String password) {
        return call(node, password, redis -> ReplicationInfo.parse(redis.info("replication")));
    }

    public void replicaOf(NodeAddress node, String password, NodeAddress master) {
        call(node, password, redis -> redis.replicaof(master.host(), master.port()));
    }

    public void promote(NodeAddress node, String password) {
        call(node, password, RedisCommands::replicaofNoOne);
    }

    /**
     * Coordinated switchover (FAILOVER TO): the master pauses writes, waits until the target has
     * its whole stream, then makes it master and follows it; nothing acknowledged is lost. The
     * command answers at once; the switch completes in the background.
     */
    public void failover(NodeAddress node, String password, NodeAddress target, long timeoutMs) {
        call(node, password, redis -> redis.dispatch(FAILOVER, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("TO").add(target.host()).add(target.port())
                        .add("TIMEOUT").add(timeoutMs)));
    }

    private <T> T call(NodeAddress node, String password, Function<RedisCommands<String, String>, T> action) {
        RedisURI uri = RedisURI.builder().withHost(node.host()).withPort(node.port()).withTimeout(TIMEOUT)
                .withPassword(password.toCharArray()).build();
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            return action.apply(connection.sync());
        }
    }

    @PreDestroy
    void close() {
        client.shutdown();
    }
}
