package io.replicatedstore.datanode.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Counts bytes read from clients for INFO's total_net_input_bytes. */
final class InputCounter extends ChannelInboundHandlerAdapter {

    private final Stats stats;

    InputCounter(Stats stats) {
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            stats.netInputBytes += buf.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }
}
