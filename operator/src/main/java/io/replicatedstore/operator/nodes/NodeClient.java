package io.replicatedstore.operator.nodes;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Function;

/** Talks RESP to data nodes (Lettuce): INFO replication and the role changes the operator makes. */
@ApplicationScoped
public class NodeClient {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

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
