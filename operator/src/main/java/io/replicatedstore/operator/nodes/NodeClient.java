package io.replicatedstore.operator.nodes;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KillArgs;
import io.lettuce.core.ConnectionFuture;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Talks RESP to data nodes (Lettuce): INFO replication and the role changes the operator makes. */
@ApplicationScoped
public class NodeClient {

    /** A node that does not answer within this is taken as not answering (a pod gone, a hung process). */
    static final Duration TIMEOUT = Duration.ofSeconds(1);
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

    NodeClient() {
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build()).build());
    }

    public ReplicationInfo replication(NodeAddress node, String password) {
        return call(node, password, redis -> ReplicationInfo.parse(redis.info("replication")));
    }

    public void replicaOf(NodeAddress node, String password, NodeAddress master) {
        call(node, password, redis -> redis.replicaof(master.host(), master.port()));
    }

    public String configGet(NodeAddress node, String password, String option) {
        return call(node, password, redis -> redis.configGet(option).get(option));
    }

    public void configSet(NodeAddress node, String password, String option, String value) {
        call(node, password, redis -> redis.configSet(option, value));
    }

    /** CLIENT KILL TYPE normal: clients of a demoted master reconnect and find the new one. */
    public void disconnectClients(NodeAddress node, String password) {
        call(node, password, redis -> redis.clientKill(KillArgs.Builder.typeNormal()));
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
        try (StatefulRedisConnection<String, String> connection = connect(client, uri, TIMEOUT)) {
            return action.apply(connection.sync());
        }
    }

    /**
     * Connects within {@code timeout}, handshake included: a hung process accepts the TCP
     * connection (the kernel does) but never answers HELLO, and Lettuce would wait for it.
     */
    public static StatefulRedisConnection<String, String> connect(RedisClient client, RedisURI uri, Duration timeout) {
        ConnectionFuture<StatefulRedisConnection<String, String>> future = client.connectAsync(StringCodec.UTF8, uri);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.thenAccept(StatefulRedisConnection::closeAsync);
            throw new RedisConnectionException("no answer from " + uri.getHost() + ":" + uri.getPort() + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RedisException redisException ? redisException
                    : new RedisConnectionException(String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisConnectionException("interrupted connecting to " + uri.getHost() + ":" + uri.getPort());
        }
    }

    @PreDestroy
    void close() {
        client.shutdown();
    }
}
