package io.replicatedstore.datanode.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.replicatedstore.datanode.resp.RespCommandDecoder;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The network side: one Netty event loop accepts, reads, runs commands and writes, so the
 * keyspace has a single owner thread (Redis's model; io-threads other than 1 is not supported).
 * The same loop runs the cron: active expiry, idle timeouts, instantaneous metrics.
 */
public final class RespServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RespServer.class.getName());

    private final Server server;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<Channel> listeners = new ArrayList<>();

    public RespServer(Server server) {
        this.server = server;
        server.eventLoop(group.next());
    }

    /** Binds every configured address; returns the bound addresses. */
    public List<InetSocketAddress> start() throws InterruptedException {
        int port = server.config().port.asInt();
        List<InetSocketAddress> bound = new ArrayList<>();
        if (port != 0) {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(group, group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, server.config().tcpBacklog.asInt())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, server.config().tcpKeepalive.get() > 0)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(
                                    new RespCommandDecoder(() -> server.config().protoMaxBulkLen.get(), false,
                                            n -> server.stats().netInputBytes += n),
                                    new ClientHandler(server));
                        }
                    });
            for (String address : server.config().bind.get()) {
                boolean optional = address.startsWith("-");
                String host = optional ? address.substring(1) : address;
                host = switch (host) {
                    case "*" -> "0.0.0.0";
                    case "::*" -> "::";
                    default -> host;
                };
                try {
                    Channel channel = bootstrap.bind(host, port).sync().channel();
                    listeners.add(channel);
                    bound.add((InetSocketAddress) channel.localAddress());
                } catch (Exception e) {
                    if (!optional) {
                        throw new IllegalStateException("Could not create server TCP listening socket "
                                + host + ":" + port + ": " + e.getMessage(), e);
                    }
                }
            }
        }
        new Cron(server).schedule();
        return bound;
    }

    /** Runs a task on the keyspace thread and waits for it (for startup work and tests). */
    public void runOnKeyspaceThread(Runnable task) throws Exception {
        server.eventLoop().submit(task).get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Channel channel : listeners) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        LOG.fine("Network stopped");
    }
}
