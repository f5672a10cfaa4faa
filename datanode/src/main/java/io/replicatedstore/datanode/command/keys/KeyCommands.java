package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.CommandTable;

import static io.replicatedstore.datanode.command.CommandSpec.command;

/**
 * Generic key commands: DEL, EXPIRE, SCAN, OBJECT... plus DBSIZE, FLUSHDB, FLUSHALL and SWAPDB
 * (arity, flags, key positions, groups and since versions as Redis 7.0's command table has them).
 */
public final class KeyCommands {

    private KeyCommands() {
    }

    public static void register(CommandTable table) {
        table.add(command("del", -2, "write").keys(1, -1, 1).since("1.0.0")
                .summary("Delete a key").handler(new DelCommand()));
        table.add(command("unlink", -2, "write fast").keys(1, -1, 1).since("4.0.0")
                .summary("Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.")
                .handler(new UnlinkCommand()));
        table.add(command("exists", -2, "readonly fast").keys(1, -1, 1).since("1.0.0")
                .summary("Determine if a key exists").handler(new ExistsCommand()));
        table.add(command("touch", -2, "readonly fast").keys(1, -1, 1).since("3.2.1")
                .summary("Alters the last access time of a key(s). Returns the number of existing keys specified.")
                .handler(new TouchCommand()));
        table.add(command("expire", -3, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Set a key's time to live in seconds").handler(new ExpireCommand()));
        table.add(command("pexpire", -3, "write fast").keys(1, 1, 1).since("2.6.0")
                .summary("Set a key's time to live in milliseconds").handler(new PExpireCommand()));
        table.add(command("expireat", -3, "write fast").keys(1, 1, 1).since("1.2.0")
                .summary("Set the expiration for a key as a UNIX timestamp").handler(new ExpireAtCommand()));
        table.add(command("pexpireat", -3, "write fast").keys(1, 1, 1).since("2.6.0")
                .summary("Set the expiration for a key as a UNIX timestamp specified in milliseconds")
                .handler(new PExpireAtCommand()));
        table.add(command("expiretime", 2, "readonly fast").keys(1, 1, 1).since("7.0.0")
                .summary("Get the expiration Unix timestamp for a key").handler(new ExpireTimeCommand()));
        table.add(command("pexpiretime", 2, "readonly fast").keys(1, 1, 1).since("7.0.0")
                .summary("Get the expiration Unix timestamp for a key in milliseconds").handler(new PExpireTimeCommand()));
        table.add(command("ttl", 2, "readonly fast").keys(1, 1, 1).since("1.0.0")
                .summary("Get the time to live for a key in seconds").handler(new TtlCommand()));
        table.add(command("pttl", 2, "readonly fast").keys(1, 1, 1).since("2.6.0")
                .summary("Get the time to live for a key in milliseconds").handler(new PTtlCommand()));
        table.add(command("persist", 2, "write fast").keys(1, 1, 1).since("2.2.0")
                .summary("Remove the expiration from a key").handler(new PersistCommand()));
        table.add(command("type", 2, "readonly fast").keys(1, 1, 1).since("1.0.0")
                .summary("Determine the type stored at key").handler(new TypeCommand()));
        table.add(command("rename", 3, "write").keys(1, 2, 1).since("1.0.0")
                .summary("Rename a key").handler(new RenameCommand()));
        table.add(command("renamenx", 3, "write fast").keys(1, 2, 1).since("1.0.0")
                .summary("Rename a key, only if the new key does not exist").handler(new RenameNxCommand()));
        table.add(command("keys", 2, "readonly").since("1.0.0")
                .summary("Find all keys matching the given pattern").handler(new KeysCommand()));
        table.add(command("scan", -2, "readonly").since("2.8.0")
                .summary("Incrementally iterate the keys space").handler(new ScanCommand()));
        table.add(command("randomkey", 1, "readonly").since("1.0.0")
                .summary("Return a random key from the keyspace").handler(new RandomKeyCommand()));
        table.add(command("move", 3, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Move a key to another database").handler(new MoveCommand()));
        table.add(command("copy", -3, "write denyoom").keys(1, 2, 1).since("6.2.0")
                .summary("Copy a key").handler(new CopyCommand()));
        table.add(command("dbsize", 1, "readonly fast").group("server").since("1.0.0")
                .summary("Return the number of keys in the selected database").handler(new DbSizeCommand()));
        table.add(command("flushdb", -1, "write").group("server").since("1.0.0")
                .summary("Remove all keys from the current database").handler(new FlushDbCommand()));
        table.add(command("flushall", -1, "write").group("server").since("1.0.0")
                .summary("Remove all keys from all databases").handler(new FlushAllCommand()));
        table.add(command("swapdb", 3, "write fast").group("server").since("4.0.0")
                .summary("Swaps two Redis databases").handler(new SwapDbCommand()));
        table.add(command("object", -2, "").since("2.2.3")
                .summary("A container for object introspection commands")
                .subcommand(command("encoding", 3, "readonly").keys(2, 2, 1).since("2.2.3")
                        .summary("Inspect the internal encoding of a Redis object").handler(new ObjectEncodingCommand()))
                .subcommand(command("freq", 3, "readonly").keys(2, 2, 1).since("4.0.0")
                        .summary("Get the logarithmic access frequency counter of a Redis object").handler(new ObjectFreqCommand()))
                .subcommand(command("idletime", 3, "readonly").keys(2, 2, 1).since("2.2.3")
                        .summary("Get the time since a Redis object was last accessed").handler(new ObjectIdleTimeCommand()))
                .subcommand(command("refcount", 3, "readonly").keys(2, 2, 1).since("2.2.3")
                        .summary("Get the number of references to the value of the key").handler(new ObjectRefCountCommand()))
                .subcommand(command("help", 2, "loading stale").since("6.2.0")
                        .summary("Show helpful text about the different subcommands").handler(new ObjectHelpCommand()))
                .container());
    }
}
