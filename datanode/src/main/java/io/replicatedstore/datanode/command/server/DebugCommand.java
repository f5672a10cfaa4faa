package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.HelpReply;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.RespWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * {@code DEBUG subcommand [arg ...]}, the subcommands useful to tests and clients: SLEEP (blocks
 * the keyspace thread, on purpose, as Redis blocks its main thread), LOG, ERROR, PROTOCOL,
 * CONFIG-REWRITE-FORCE-ALL, RELOAD (save, flush, load again), LOADAOF, DIGEST and DIGEST-VALUE
 * (Redis's algorithm, see {@link DatasetDigest}), OBJECT, SET-ACTIVE-EXPIRE, CHANGE-REPL-ID and HELP.
 * QUICKLIST-PACKED-THRESHOLD and REPLYBUFFER tune internals the node does not have: their arguments
 * are checked as Redis checks them and they answer OK. The others Redis has (crash helpers,
 * allocator probes...) answer the subcommand syntax error.
 */
final class DebugCommand implements Command {

    private static final Logger LOG = Logger.getLogger(DebugCommand.class.getName());

    private static final String[] HELP = {
        "CHANGE-REPL-ID",
        "    Changes the replication IDs of the instance.",
        "CONFIG-REWRITE-FORCE-ALL",
        "    Rewrites the config file with every setting, defaults included.",
        "DIGEST",
        "    Outputs a hex signature representing the current DB content (as redis-server computes it).",
        "DIGEST-VALUE <key> [<key> ...]",
        "    Outputs a hex signature of the values of all the specified keys.",
        "ERROR <string>",
        "    Replies with <string> as an error; handy for testing client error handling.",
        "LOADAOF",
        "    Flushes the AOF buffers, empties the dataset and loads the append only files again.",
        "LOG <message>",
        "    Writes <message> to the server log.",
        "OBJECT <key>",
        "    Shows low level info about the key and its value.",
        "PROTOCOL <type>",
        "    Replies with a sample value of the given RESP type: string, integer,",
        "    double, bignum, null, array, set, map, attrib, push, verbatim, true, false.",
        "QUICKLIST-PACKED-THRESHOLD <size>",
        "    Accepted for Redis's tests; lists here have no packed/plain nodes.",
        "RELOAD",
        "    Saves the RDB file, empties the dataset and loads the file again.",
        "REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time> | RESIZING <0|1>",
        "    Accepted for Redis's tests; the node's reply buffers are Netty's.",
        "SET-ACTIVE-EXPIRE <0|1>",
        "    Stops or restarts the cron's deletion of expired keys.",
        "SLEEP <seconds>",
        "    Freezes the server for <seconds> (fractions allowed).",
    };

    @Override
    public void execute(CommandContext ctx) {
        if (ctx.argc() == 2 && ctx.argIs(1, "help")) {
            HelpReply.write(ctx, HELP);
        } else if (ctx.argc() == 3 && ctx.argIs(1, "sleep")) {
            sleep(ctx.argString(2));
            ctx.reply().ok();
        } else if (ctx.argc() == 2 && ctx.argIs(1, "reload")) {
            try {
                ctx.persistence().debugReload();
            } catch (IOException e) {
                throw new RedisException("ERR Error trying to reload the DB: " + e.getMessage());
            }
            ctx.reply().ok();
        } else if (ctx.argc() == 3 && ctx.argIs(1, "log")) {
            // Line breaks escaped: a client must not be able to forge log lines.
            LOG.warning("DEBUG LOG: " + ctx.argString(2).replace("\r", "\\r").replace("\n", "\\n"));
            ctx.reply().ok();
        } else if (ctx.argc() == 3 && ctx.argIs(1, "error")) {
            // Sent as given (no ERR prefix added), as Redis does.
            ctx.reply().error(ctx.argString(2));
        } else if (ctx.argc() == 3 && ctx.argIs(1, "protocol")) {
            protocol(ctx, ctx.argString(2));
        } else if (ctx.argc() == 2 && ctx.argIs(1, "config-rewrite-force-all")) {
            String file = ctx.config().configFile();
            if (file == null) {
                throw new RedisException("ERR CONFIG-REWRITE-FORCE-ALL failed: The server is running without a config file");
            }
            try {
                ConfigRewriter.rewrite(ctx.config(), Path.of(file), true);
            } catch (IOException e) {
                throw new RedisException("ERR CONFIG-REWRITE-FORCE-ALL failed: " + ConfigRewriter.describe(e));
            }
            ctx.reply().ok();
        } else if (ctx.argc() == 2 && ctx.argIs(1, "digest")) {
            ctx.reply().simple(DatasetDigest.ofDataset(ctx.keyspace()));
        } else if (ctx.argc() >= 2 && ctx.argIs(1, "digest-value")) {
            ctx.reply().array(ctx.argc() - 2);
            for (int i = 2; i < ctx.argc(); i++) {
                byte[] key = ctx.arg(i);
                ctx.reply().simple(DatasetDigest.ofValue(ctx.db().raw(key), ctx.db().expireAt(key) >= 0));
            }
        } else if (ctx.argc() == 3 && ctx.argIs(1, "object")) {
            ctx.reply().simple(DebugObject.describe(ctx, ctx.arg(2)));
        } else if (ctx.argc() == 3 && ctx.argIs(1, "set-active-expire")) {
            ctx.keyspace().activeExpireEnabled(atoi(ctx.argString(2)) != 0);
            ctx.reply().ok();
        } else if (ctx.argc() == 3 && ctx.argIs(1, "quicklist-packed-threshold")) {
            long size = io.replicatedstore.datanode.config.MemorySize.parse(ctx.argString(2));
            if (size < 0 || size > (1L << 32) - (1L << 20)) {
                throw new RedisException("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
            }
            ctx.reply().ok();
        } else if (ctx.argc() == 4 && ctx.argIs(1, "replybuffer")) {
            if (ctx.argIs(2, "peak-reset-time")) {
                if (!ctx.argIs(3, "never") && !ctx.argIs(3, "reset")) {
                    try {
                        Long.parseLong(ctx.argString(3));
                    } catch (NumberFormatException e) {
                        throw new RedisException("ERR value is not an integer or out of range");
                    }
                }
            } else if (!ctx.argIs(2, "resizing")) {
                throw HelpReply.syntaxError(ctx);
            }
            ctx.reply().ok();
        } else if (ctx.argc() == 2 && ctx.argIs(1, "change-repl-id")) {
            LOG.warning("Changing replication IDs after receiving DEBUG change-repl-id");
            ctx.replication().ids().changeReplid();
            ctx.replication().ids().clearSecondary();
            ctx.reply().ok();
        } else if (ctx.argc() == 2 && ctx.argIs(1, "loadaof")) {
            try {
                ctx.aof().debugLoad();
            } catch (IOException | IllegalStateException e) {
                throw new RedisException("ERR Error trying to load the AOF: " + e.getMessage());
            }
            ctx.reply().ok();
        } else {
            throw HelpReply.syntaxError(ctx);
        }
    }

    /** C's atoi: the leading integer, 0 when there is none. */
    static long atoi(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*[-+]?\\d+").matcher(text);
        if (!m.find()) {
            return 0;
        }
        try {
            return Long.parseLong(m.group().trim());
        } catch (NumberFormatException e) {
            return m.group().trim().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** strtod-like: the longest leading number, 0 when there is none. */
    private static void sleep(String text) {
        double seconds;
        try {
            seconds = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")
                    .matcher(text);
            seconds = m.find() ? Double.parseDouble(m.group().trim()) : 0;
        }
        long micros = (long) (seconds * 1_000_000);
        if (micros <= 0) {
            return;
        }
        try {
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void protocol(CommandContext ctx, String type) {
        RespWriter out = ctx.reply();
        boolean resp3 = ctx.client().protocol() >= 3;
        switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "string" -> out.bulk("Hello World");
            case "integer" -> out.integer(12345);
            case "double" -> out.doubleValue(3.141);
            case "bignum" -> {
                if (resp3) {
                    out.raw("(1234567999999999999999999999999999999\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.bulk("1234567999999999999999999999999999999");
                }
            }
            case "null" -> out.nullBulk();
            case "array" -> out.array(3).integer(0).integer(1).integer(2);
            case "set" -> out.set(3).integer(0).integer(1).integer(2);
            case "map" -> out.map(3).integer(0).bool(false).integer(1).bool(true).integer(2).bool(false);
            case "attrib" -> {
                if (resp3) {
                    out.raw("|1\r\n$14\r\nkey-popularity\r\n*2\r\n$7\r\nkey:123\r\n:90\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.bulk("Some real reply following the attribute");
            }
            case "push" -> {
                if (!resp3) {
                    throw new RedisException("ERR RESP2 is not supported by this command");
                }
                out.push(2).bulk("server-cpu-usage").integer(42);
                out.bulk("Some real reply following the push reply");
            }
            case "true" -> out.bool(true);
            case "false" -> out.bool(false);
            case "verbatim" -> out.verbatim("This is a verbatim\nstring");
            default -> throw new RedisException("ERR Wrong protocol type name. Please use one of the following: "
                    + "string|integer|double|bignum|null|array|set|map|attrib|push|verbatim|true|false");
        }
    }
}
