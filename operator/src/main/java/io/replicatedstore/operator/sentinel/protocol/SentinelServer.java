package io.replicatedstore.operator.sentinel.protocol;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.redis.RedisArrayAggregator;
import io.netty.handler.codec.redis.RedisBulkStringAggregator;
import io.netty.handler.codec.redis.RedisDecoder;
import io.netty.handler.codec.redis.RedisEncoder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves the Sentinel protocol (RESP, Netty's codec) so that Sentinel-aware clients (Jedis'
 * JedisSentinelPool, Lettuce's sentinel URIs, redis-py's Sentinel) find each store's master here.
 */
@ApplicationScoped
public class SentinelServer {

    private static final Logger LOG = Logger.getLogger(SentinelServer.class);
    /** Requests are small: a command line of a few words. */
    private static final int MAX_REQUEST = 64 * 1024;

    @ConfigProperty(name = "replicatedstore.sentinel.port", defaultValue = "26379")
    int configuredPort;

    @ConfigProperty(name = "replicatedstore.sentinel.bind", defaultValue = "0.0.0.0")
    String bind;

    /** A file holding the password clients must AUTH with (the chart mounts a Secret); none: no AUTH. */
    @ConfigProperty(name = "replicatedstore.sentinel.password-file")
    Optional<String> passwordFile;

    @Inject
    SentinelView view;

    @Inject
    SentinelEvents events;

    private EventLoopGroup group;
    private Channel channel;

    void start(@Observes StartupEvent startup) throws InterruptedException {
        SentinelAuth auth = new SentinelAuth(passwordFile.filter(f -> !f.isBlank()).map(Path::of));
        group = new NioEventLoopGroup(1);
        channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RedisDecoder(true), new RedisBulkStringAggregator(),
                                new RedisArrayAggregator(), new RedisEncoder(),
                                new SentinelCommandHandler(view, events, auth, MAX_REQUEST));
                    }
                })
                .bind(bind, configuredPort).sync().channel();
        LOG.infof("Sentinel protocol on %s:%d%s", bind, port(), auth.required() ? " (AUTH required)" : "");
    }

    /** The port it listens on (the configured one, or the one the system chose for 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully().syncUninterruptibly();
        }
    }
}
