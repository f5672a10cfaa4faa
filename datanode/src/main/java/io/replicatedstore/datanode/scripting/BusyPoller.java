package io.replicatedstore.datanode.scripting;

import io.netty.channel.Channel;
import io.netty.channel.nio.AbstractNioChannel;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * While a script runs past busy-reply-threshold, it still holds the one thread that reads
 * sockets and runs commands. As Redis's processEventsWhileBlocked, the script's time check calls
 * this now and then: it reads what each other client sent, through its usual pipeline, so its
 * commands are answered (-BUSY, or run if flagged allow_busy, as SCRIPT KILL) and flushed.
 * The script's own client is left alone (its reader is in the middle of the EVAL), and so are
 * the replication links, whose streams must not be answered with -BUSY.
 */
final class BusyPoller {

    private BusyPoller() {
    }

    static void poll(Server server, Client scriptCaller) {
        // New connections first (Redis accepts them too): the listeners are the clients' parents.
        Set<Channel> listeners = new HashSet<>();
        for (Client client : server.clients()) {
            if (client.channel() != null && client.channel().parent() != null) {
                listeners.add(client.channel().parent());
            }
        }
        for (Channel listener : listeners) {
            if (listener.isActive() && listener.unsafe() instanceof AbstractNioChannel.NioUnsafe unsafe) {
                unsafe.read();
            }
        }
        for (Client client : List.copyOf(server.clients())) {
            if (client == scriptCaller || client.isMaster() || client.isReplica() || client.isClosing()) {
                continue;
            }
            Channel channel = client.channel();
            if (channel != null && channel.isActive() && channel.unsafe() instanceof AbstractNioChannel.NioUnsafe unsafe) {
                unsafe.read();
            }
        }
        // The loop's own flush task cannot run before the script ends: send the replies now.
        server.flushPending();
    }
}
