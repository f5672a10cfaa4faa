package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.command.CommandTable;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH. */
public final class TransactionCommands {

    private TransactionCommands() {
    }

    public static void register(CommandTable table) {
    }
}
