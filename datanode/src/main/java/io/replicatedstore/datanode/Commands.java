package io.replicatedstore.datanode;

import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.bits.BitCommands;
import io.replicatedstore.datanode.command.connection.ConnectionCommands;
import io.replicatedstore.datanode.command.geo.GeoCommands;
import io.replicatedstore.datanode.command.hash.HashCommands;
import io.replicatedstore.datanode.command.hll.HllCommands;
import io.replicatedstore.datanode.command.keys.KeyCommands;
import io.replicatedstore.datanode.command.list.ListCommands;
import io.replicatedstore.datanode.command.pubsub.PubSubCommands;
import io.replicatedstore.datanode.command.scripting.ScriptingCommands;
import io.replicatedstore.datanode.command.replication.ReplicationCommands;
import io.replicatedstore.datanode.command.server.ServerCommands;
import io.replicatedstore.datanode.command.set.SetCommands;
import io.replicatedstore.datanode.command.stream.StreamCommands;
import io.replicatedstore.datanode.command.string.StringCommands;
import io.replicatedstore.datanode.command.transaction.TransactionCommands;
import io.replicatedstore.datanode.command.zset.SortedSetCommands;
import io.replicatedstore.datanode.server.Server;

/** Builds the command table from every command family: the one place that knows them all. */
public final class Commands {

    private Commands() {
    }

    public static CommandTable table(Server server) {
        CommandTable table = new CommandTable();
        ConnectionCommands.register(table);
        StringCommands.register(table);
        BitCommands.register(table);
        HllCommands.register(table);
        KeyCommands.register(table);
        HashCommands.register(table);
        ListCommands.register(table);
        SetCommands.register(table);
        SortedSetCommands.register(table);
        StreamCommands.register(table);
        GeoCommands.register(table);
        PubSubCommands.register(table);
        TransactionCommands.register(table);
        ServerCommands.register(table);
        ReplicationCommands.register(table);
        ScriptingCommands.register(table, server);
        return table;
    }
}
