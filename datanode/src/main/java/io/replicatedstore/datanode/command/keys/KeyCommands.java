package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.HelpReply;

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
                .summary("Removes the given keys").handler(new DelCommand()));
        table.add(command("unlink", -2, "write fast").keys(1, -1, 1).since("4.0.0")
                .summary("Removes the given keys; the non-blocking counterpart of DEL")
                .handler(new UnlinkCommand()));
        table.add(command("exists", -2, "readonly fast").keys(1, -1, 1).since("1.0.0")
                .summary("Counts how many of the given keys are present").handler(new ExistsCommand()));
        table.add(command("touch", -2, "readonly fast").keys(1, -1, 1).since("3.2.1")
                .summary("Marks keys as just accessed; returns how many of them exist")
                .handler(new TouchCommand()));
        table.add(command("expire", -3, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Gives a key a lifetime in seconds").handler(new ExpireCommand()));
        table.add(command("pexpire", -3, "write fast").keys(1, 1, 1).since("2.6.0")
                .summary("Gives a key a lifetime in milliseconds").handler(new PExpireCommand()));
        table.add(command("expireat", -3, "write fast").keys(1, 1, 1).since("1.2.0")
                .summary("Makes a key expire at a Unix time in seconds").handler(new ExpireAtCommand()));
        table.add(command("pexpireat", -3, "write fast").keys(1, 1, 1).since("2.6.0")
                .summary("Makes a key expire at a Unix time in milliseconds")
                .handler(new PExpireAtCommand()));
        table.add(command("expiretime", 2, "readonly fast").keys(1, 1, 1).since("7.0.0")
                .summary("Returns the Unix time, in seconds, when a key will expire").handler(new ExpireTimeCommand()));
        table.add(command("pexpiretime", 2, "readonly fast").keys(1, 1, 1).since("7.0.0")
                .summary("Returns the Unix time, in milliseconds, when a key will expire").handler(new PExpireTimeCommand()));
        table.add(command("ttl", 2, "readonly fast").keys(1, 1, 1).since("1.0.0")
                .summary("Returns a key's remaining lifetime in seconds").handler(new TtlCommand()));
        table.add(command("pttl", 2, "readonly fast").keys(1, 1, 1).since("2.6.0")
                .summary("Returns a key's remaining lifetime in milliseconds").handler(new PTtlCommand()));
        table.add(command("persist", 2, "write fast").keys(1, 1, 1).since("2.2.0")
                .summary("Makes a key permanent by dropping its expiry").handler(new PersistCommand()));
        table.add(command("type", 2, "readonly fast").keys(1, 1, 1).since("1.0.0")
                .summary("Names the data type of the value at a key").handler(new TypeCommand()));
        table.add(command("rename", 3, "write").keys(1, 2, 1).since("1.0.0")
                .summary("Gives a key a new name, replacing any key already using it").handler(new RenameCommand()));
        table.add(command("renamenx", 3, "write fast").keys(1, 2, 1).since("1.0.0")
                .summary("Gives a key a new name unless that name is taken").handler(new RenameNxCommand()));
        table.add(command("keys", 2, "readonly").since("1.0.0")
                .summary("Lists the keys that match a glob pattern").handler(new KeysCommand()));
        table.add(command("scan", -2, "readonly").since("2.8.0")
                .summary("Walks the keyspace with a cursor").handler(new ScanCommand()));
        table.add(command("randomkey", 1, "readonly").since("1.0.0")
                .summary("Picks a key at random from the current database").handler(new RandomKeyCommand()));
        table.add(command("move", 3, "write fast").keys(1, 1, 1).since("1.0.0")
                .summary("Transfers a key into another database").handler(new MoveCommand()));
        table.add(command("copy", -3, "write denyoom").keys(1, 2, 1).since("6.2.0")
                .summary("Duplicates a key's value into another key, possibly in another database").handler(new CopyCommand()));
        table.add(command("dump", 2, "readonly").keys(1, 1, 1).since("2.6.0")
                .summary("Serializes a key's value in Redis's DUMP format").handler(new DumpCommand()));
        table.add(command("restore", -4, "write denyoom").keys(1, 1, 1).since("2.6.0")
                .summary("Creates a key from a value serialized by DUMP").handler(new RestoreCommand()));
        table.add(command("sort", -2, "write denyoom").keys(1, 1, 1).since("1.0.0")
                .summary("Sorts the elements of a list, set or sorted set, optionally storing the result")
                .handler(new SortCommand(false)));
        table.add(command("sort_ro", -2, "readonly").keys(1, 1, 1).since("7.0.0")
                .summary("Sorts the elements of a list, set or sorted set").handler(new SortCommand(true)));
        table.add(command("dbsize", 1, "readonly fast").group("server").since("1.0.0")
                .summary("Counts the keys in the current database").handler(new DbSizeCommand()));
        table.add(command("flushdb", -1, "write").group("server").since("1.0.0")
                .summary("Deletes every key in the current database").handler(new FlushDbCommand()));
        table.add(command("flushall", -1, "write").group("server").since("1.0.0")
                .summary("Deletes every key in every database").handler(new FlushAllCommand()));
        table.add(command("swapdb", 3, "write fast").group("server").since("4.0.0")
                .summary("Exchanges the contents of two databases").handler(new SwapDbCommand()));
        table.add(command("object", -2, "").since("2.2.3")
                .summary("Subcommands that inspect how a key's value is stored")
                .subcommand(command("encoding", 3, "readonly").keys(2, 2, 1).since("2.2.3")
                        .summary("Names the internal representation of a key's value").handler(new ObjectEncodingCommand()))
                .subcommand(command("freq", 3, "readonly").keys(2, 2, 1).since("4.0.0")
                        .summary("Returns the LFU access-frequency counter of a key").handler(new ObjectFreqCommand()))
                .subcommand(command("idletime", 3, "readonly").keys(2, 2, 1).since("2.2.3")
                        .summary("Returns how many seconds a key has gone unaccessed").handler(new ObjectIdleTimeCommand()))
                .subcommand(command("refcount", 3, "readonly").keys(2, 2, 1).since("2.2.3")
                        .summary("Returns the reference count of a key's value").handler(new ObjectRefCountCommand()))
                .subcommand(command("help", 2, "loading stale").since("6.2.0")
                        .summary("Lists the subcommands with short explanations").handler(new HelpReply(
                                "ENCODING <key>",
                                "    Names the internal representation of the value at <key>.",
                                "FREQ <key>",
                                "    Returns the LFU access counter of <key>, which grows logarithmically",
                                "    with how often the key has been used recently.",
                                "IDLETIME <key>",
                                "    Returns roughly how many seconds <key> has gone without being accessed.",
                                "REFCOUNT <key>",
                                "    Returns the reference count of the value at <key>.")))
                .container());
    }
}
