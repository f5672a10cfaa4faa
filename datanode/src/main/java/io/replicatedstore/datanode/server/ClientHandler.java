package io.replicatedstore.datanode.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.resp.ProtocolError;
import io.replicatedstore.datanode.resp.RespCommandDecoder;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.util.Repr;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One connection: registers the client, hands each decoded command to the dispatcher, and
 * sends the batch of replies when the read is complete (so pipelined replies go out together).
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ClientHandler.class.getName());
    private static final String PROTECTED_MODE = "-DENIED Redis is running in protected mode because protected mode "
            + "is enabled and no password is set for the default user. In this mode connections are only accepted "
            + "from the loopback interface. If you want to connect from external computers, set a password with "
            + "requirepass or disable protected mode with 'CONFIG SET protected-mode no'.\r\n";

    private final Server server;
    private Client client;

    ClientHandler(Server server) {
        this.server = server;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (server.clientCount() >= server.config().maxclients.get()) {
            server.stats().rejectedConnections++;
            refuse(ctx, "-" + Errors.MAX_CLIENTS + "\r\n");
            return;
        }
        boolean noPassword = server.config().requirepass.get().isEmpty();
        if (server.config().protectedMode.get() && noPassword && !isLoopback(ctx)) {
            server.stats().rejectedConnections++;
            refuse(ctx, PROTECTED_MODE);
            return;
        }
        client = server.newClient(ctx.channel(), new RespWriter(ctx.alloc()));
        client.authenticated(noPassword);
        RespCommandDecoder decoder = ctx.pipeline().get(RespCommandDecoder.class);
        client.decoder(decoder);
        decoder.setAuthenticated(noPassword);
        Client self = client;
        decoder.guard((bytes, first) -> server.clientLimits().checkQueryBuffer(self, bytes, () -> Repr.quote(first.get())));
    }

    private static void refuse(ChannelHandlerContext ctx, String line) {
        ByteBuf message = Unpooled.copiedBuffer(line, StandardCharsets.UTF_8);
        ctx.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean isLoopback(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress address
                && address.getAddress() != null && address.getAddress().isLoopbackAddress();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (client == null || client.isClosing()) {
            return;
        }
        if (msg instanceof ProtocolError error) {
            client.writer().error(error.errorLine());
            client.closeAfterReply();
            return;
        }
        byte[][] argv = (byte[][]) msg;
        // A paused command waits in deferred too, so this also holds back a paused client's input.
        // So does a client held back because it does not read its replies (ClientLimits).
        if (client.blocked() != null || !client.deferred().isEmpty() || client.outputBackpressure()) {
            client.deferred().addLast(argv);
            client.readingPaused(true);
            return;
        }
        client.running(requestBytes(argv), argvBytes(argv));
        server.processor().process(client, argv);
        client.running(0, 0);
        server.clientLimits().afterCommand(client);
    }

    /** The size of the request as RESP, which CLIENT LIST's qbuf shows while it runs. */
    private static int requestBytes(byte[][] argv) {
        int bytes = 3 + digits(argv.length);
        for (byte[] arg : argv) {
            bytes += 5 + digits(arg.length) + arg.length;
        }
        return bytes;
    }

    private static long argvBytes(byte[][] argv) {
        long bytes = 0;
        for (byte[] arg : argv) {
            bytes += arg.length;
        }
        return bytes;
    }

    private static int digits(int n) {
        int digits = 1;
        while (n >= 10) {
            n /= 10;
            digits++;
        }
        return digits;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (client != null) {
            server.flushAfterReads(client);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (client != null) {
            server.removeClient(client);
            server.flushPending();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.log(Level.WARNING, "Closing connection after an unexpected error", cause);
        }
        ctx.close();
    }
}
