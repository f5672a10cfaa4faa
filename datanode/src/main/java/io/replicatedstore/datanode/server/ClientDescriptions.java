package io.replicatedstore.datanode.server;

import java.util.Locale;

/**
 * A client as CLIENT LIST and CLIENT INFO print it (Redis 7.0's line format), and client types
 * as CLIENT LIST TYPE and CLIENT KILL TYPE name them.
 */
public final class ClientDescriptions {

    public enum Type { NORMAL, REPLICA, PUBSUB, MASTER }

    private ClientDescriptions() {
    }

    /** A client type by name (normal, replica or slave, pubsub, master), or null. */
    public static Type typeByName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> Type.NORMAL;
            case "slave", "replica" -> Type.REPLICA;
            case "pubsub" -> Type.PUBSUB;
            case "master" -> Type.MASTER;
            default -> null;
        };
    }

    /** The type of a client. MONITOR clients count as normal, as in Redis. */
    public static Type type(Client client) {
        if (client.isMaster()) {
            return Type.MASTER;
        }
        if (client.isReplica()) {
            return Type.REPLICA;
        }
        if (client.subscriptionCount() > 0) {
            return Type.PUBSUB;
        }
        return Type.NORMAL;
    }

    /**
     * One line, without the trailing newline. {@code currentCommand} is the full name of the
     * command being run when describing the client that runs it (Redis sets its last command
     * before running it), else null.
     */
    public static String line(Client client, long nowMs, String currentCommand) {
        String cmd = currentCommand != null ? currentCommand : client.lastCommand();
        return "id=" + client.id()
                + " addr=" + client.address()
                + " laddr=" + client.localAddress()
                // Netty does not expose the socket's descriptor; a stable per-connection number stands in.
                + " fd=" + (client.channel() == null ? -1 : client.id() + 7)
                + " name=" + client.name()
                + " age=" + Math.max(0, (nowMs - client.createdMs()) / 1000)
                + " idle=" + Math.max(0, (nowMs - client.lastInteractionMs()) / 1000)
                + " flags=" + flags(client)
                + " db=" + client.db().id()
                + " sub=" + client.channels().size()
                + " psub=" + client.patterns().size()
                + " ssub=0"
                + " multi=" + (client.inMulti() ? client.multiQueue().size() : -1)
                + buffers(client)
                + " events=" + (client.outputMemory() > 0 ? "rw" : "r")
                + " cmd=" + cmd
                + " user=" + client.user()
                + " redir=-1"
                + " resp=" + client.protocol();
    }

    /**
     * Buffer sizes: qbuf is the input held including the command being run, obl the replies not
     * yet handed to the socket, oll and omem the buffers and bytes the socket has not taken yet
     * (for a replica in a full sync also the stream held for it). rbs/rbp (Redis's fixed reply
     * buffer) have no equivalent: replies go to chunks sized as needed.
     */
    private static String buffers(Client client) {
        long output = client.outputMemory();
        long obl = client.outputPending();
        return " qbuf=" + client.queryBufferBytes()
                + " qbuf-free=" + client.queryBufferFree()
                + " argv-mem=" + client.argvBytes()
                + " multi-mem=" + client.multiBytes()
                + " rbs=0 rbp=0"
                + " obl=" + obl
                + " oll=" + (output == obl ? 0 : client.outputBuffers())
                + " omem=" + (output - obl)
                + " tot-mem=" + ClientLimits.memory(client);
    }

    /** The flags letters, in Redis's order; N when none applies. */
    static String flags(Client client) {
        StringBuilder flags = new StringBuilder();
        if (client.isMonitor()) {
            flags.append('O');
        } else if (client.isReplica()) {
            flags.append('S');
        }
        if (client.isMaster()) {
            flags.append('M');
        }
        if (client.subscriptionCount() > 0) {
            flags.append('P');
        }
        if (client.inMulti()) {
            flags.append('x');
        }
        if (client.blocked() != null) {
            flags.append('b');
        }
        if (client.watchedKeyTouched()) {
            flags.append('d');
        }
        if (client.isClosing()) {
            flags.append('c');
        }
        if (client.noEvict()) {
            flags.append('e');
        }
        return flags.length() == 0 ? "N" : flags.toString();
    }
}
