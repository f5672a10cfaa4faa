package io.replicatedstore.datanode.scripting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandFlag;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.Dispatcher;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.replication.Replication;
import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Memory;
import io.replicatedstore.datanode.server.Server;
import party.iroiro.luajava.Lua;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs scripts and functions (Redis's script.c): the checks before a run that the flags ask
 * for, the script's own client whose redis.call goes through the dispatcher, the time check
 * with -BUSY for others and SCRIPT KILL / FUNCTION KILL. One per server, shared by EVAL and
 * FCALL, since one script at most runs at a time. Everything here runs on the command thread.
 */
public final class ScriptRunner implements LuaEngine.Callbacks {

    private static final Logger LOG = Logger.getLogger("script");

    static final String BUSY = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    static final String BUSY_FUNCTION = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    static final String UNKILLABLE = "UNKILLABLE Sorry the script already executed write commands against the dataset. "
            + "You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
    static final String UNKILLABLE_MASTER = "UNKILLABLE The busy script was sent by a master instance in the context "
            + "of replication and cannot be killed.";

    private Server server;
    private Dispatcher dispatcher;
    private CommandTable commands;
    private Client scriptClient;
    private RespWriter scriptWriter;
    private LuaEngine engine;
    /** The script running now, or null. */
    private Run running;

    /** The state of one script while it runs. */
    private static final class Run {
        final CommandContext caller;
        final boolean readOnly;
        final boolean eval;
        final String name;
        final long startNanos;
        /** It changed the dataset: SCRIPT KILL can no longer stop it. */
        boolean wrote;
        /** Past busy-reply-threshold: other clients are answered -BUSY. */
        boolean timedOut;
        boolean killed;
        /** Over the memory limit when it started, and not flagged allow-oom. */
        boolean oomAtStart;

        Run(CommandContext caller, boolean readOnly, boolean eval, String name) {
            this.caller = caller;
            this.startNanos = caller.server().clock().nanos();
            this.readOnly = readOnly;
            this.eval = eval;
            this.name = name;
        }
    }

    void bind(CommandContext ctx) {
        if (server == null) {
            this.server = ctx.server();
            this.dispatcher = ctx.dispatcher();
            this.commands = ctx.commands();
            scriptWriter = new RespWriter(PooledByteBufAllocator.DEFAULT);
            scriptClient = server.fakeClient(scriptWriter);
        }
    }

    public boolean isRunning() {
        return running != null;
    }

    /** A script, as FCALL and EVAL name it in their replies. */
    record Target(String name, boolean eval, boolean shebang, Set<ScriptFlags.Flag> flags) {
        boolean has(ScriptFlags.Flag flag) {
            return flags.contains(flag);
        }
    }

    /**
     * Runs a script or function: {@code body} calls it on {@code lua}, leaving true and the
     * result or false and the error table; the reply goes to the caller. Redis's
     * scriptPrepareForRun checks come first: a script with a shebang or a function is judged by
     * its flags, an EVAL without one as Redis 6 did.
     */
    void run(CommandContext ctx, LuaEngine lua, Target target, boolean readOnlyCommand, BooleanSupplier body) {
        bind(ctx);
        boolean obeyed = obeyed(ctx.client());
        boolean overMemory = !obeyed && server.memory().performEvictions() == Memory.Result.FAIL;
        String refusal = prepareRefusal(ctx, target, readOnlyCommand, obeyed, overMemory);
        if (refusal != null) {
            throw new RedisException(refusal);
        }
        boolean readOnly = readOnlyCommand || target.shebang() && target.has(ScriptFlags.Flag.NO_WRITES);
        Run run = new Run(ctx, readOnly, target.eval(), target.name());
        // Redis's pre_command_oom_state: a script started over maxmemory may not run denyoom commands.
        run.oomAtStart = !(target.shebang() && target.has(ScriptFlags.Flag.ALLOW_OOM)) && overMemory;
        scriptClient.select(ctx.db().id());
        scriptClient.protocol(2);
        this.engine = lua;
        running = run;
        // The script's effects are propagated (by the commands it runs), never the script itself.
        ctx.preventPropagation();
        Lua l = lua.lua();
        try {
            if (body.getAsBoolean()) {
                LuaConversions.write(l, -1, ctx.reply(), scriptClient.protocol());
            } else {
                ctx.reply().error(errorReply(l, target.name(), target.eval()));
            }
        } finally {
            l.pop(2);
            running = null;
            if (run.timedOut) {
                dispatcher.busy(null);
                LOG.warning("Slow script finished after " + (server.clock().nanos() - run.startNanos) / 1_000_000 + " ms");
            }
        }
    }

    /** scriptPrepareForRun's refusals, in its order; null to run. */
    private String prepareRefusal(CommandContext ctx, Target target, boolean readOnlyCommand, boolean obeyed,
                                  boolean overMemory) {
        Replication replication = ctx.replication();
        boolean stale = replication.isReplica() && !replication.link().connected()
                && !server.config().replicaServeStaleData.get();
        if (!target.shebang() && target.eval()) {
            return stale ? "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'." : null;
        }
        if (stale && !target.has(ScriptFlags.Flag.ALLOW_STALE)) {
            return "MASTERDOWN Link with MASTER is down, replica-serve-stale-data is set to 'no' "
                    + "and 'allow-stale' flag is not set on the script.";
        }
        if (!target.has(ScriptFlags.Flag.NO_WRITES)) {
            if (replication.isReplica() && server.config().replicaReadOnly.get() && !obeyed) {
                return "READONLY Can not run script with write flag on readonly replica";
            }
            String aofError = ctx.aof().writeError();
            if (aofError != null && !obeyed) {
                return "MISCONF Redis is configured to persist data to AOF, but it's currently unable to persist "
                        + "to disk. Writable scripts are blocked. Use 'no-writes' flag for read only scripts. "
                        + "AOF error: " + aofError;
            }
            if (readOnlyCommand) {
                return "ERR Can not execute a script with write flag using *_ro command.";
            }
            if (!replication.isReplica() && replication.notEnoughGoodReplicas()) {
                return "NOREPLICAS Not enough good replicas to write.";
            }
        }
        if (overMemory && server.config().maxmemory.get() > 0
                && !target.has(ScriptFlags.Flag.ALLOW_OOM) && !target.has(ScriptFlags.Flag.NO_WRITES)) {
            return "OOM allow-oom flag is not set on the script, can not run it when used memory > 'maxmemory'";
        }
        return null;
    }

    /**
     * The error table on top of the stack as Redis 7.0 replies it: "msg script: name, on
     * source:line." (an EVAL's name is f_ and its SHA1).
     */
    private static String errorReply(Lua l, String name, boolean eval) {
        int table = l.getTop();
        if (l.type(table) != Lua.LuaType.TABLE) {
            return "ERR Error running script (call to " + (eval ? "f_" : "") + name + "): " + l.toString(table);
        }
        LuaConversions.rawField(l, table, "err");
        String message = l.type(-1) == Lua.LuaType.STRING || l.type(-1) == Lua.LuaType.NUMBER
                ? new String(LuaEngine.toBytes(l, -1), StandardCharsets.UTF_8) : "ERR unknown error";
        l.pop(1);
        LuaConversions.rawField(l, table, "source");
        String source = l.type(-1) == Lua.LuaType.STRING ? l.toString(-1) : null;
        l.pop(1);
        LuaConversions.rawField(l, table, "line");
        String line = l.type(-1) == Lua.LuaType.NUMBER ? Long.toString((long) l.toNumber(-1)) : null;
        l.pop(1);
        if (source != null && line != null) {
            message += " script: " + name + ", on " + source + ":" + line + ".";
        }
        return message;
    }

    /** The running function for FUNCTION STATS: name, the caller's argv, milliseconds so far; null if none. */
    record Running(String name, byte[][] command, long durationMs, boolean eval) {
    }

    Running current() {
        Run run = running;
        if (run == null) {
            return null;
        }
        return new Running(run.name, run.caller.argv(), (server.clock().nanos() - run.startNanos) / 1_000_000, run.eval);
    }

    // redis.* callbacks

    @Override
    public int call(Lua l, boolean raise) {
        int argc = l.getTop();
        if (running == null) {
            return libraryError(l, raise, "ERR redis.call can only be called inside a script invocation");
        }
        if (argc == 0) {
            return libraryError(l, raise, "ERR Please specify at least one argument for this redis lib call");
        }
        byte[][] argv = new byte[argc][];
        for (int i = 1; i <= argc; i++) {
            switch (l.type(i)) {
                case STRING -> argv[i - 1] = LuaEngine.toBytes(l, i);
                case NUMBER -> argv[i - 1] = formatNumber(l.toNumber(i));
                default -> {
                    return libraryError(l, raise, "ERR Lua redis lib command arguments must be strings or integers");
                }
            }
        }
        String refusal = refusal(argv);
        if (refusal != null) {
            return libraryError(l, raise, refusal);
        }
        CommandSpec spec = commandSpec(argv);
        long dirtyBefore = server.dirty();
        Reply reply;
        try {
            dispatcher.callFromScript(scriptClient, spec, argv);
        } finally {
            ByteBuf out = scriptWriter.take();
            try {
                reply = out == null ? new Reply.Null() : ReplyParser.parse(out);
            } finally {
                if (out != null) {
                    out.release();
                }
            }
        }
        if (server.dirty() != dirtyBefore) {
            running.wrote = true;
        }
        if (raise && reply instanceof Reply.Error error) {
            return libraryError(l, true, error.text());
        }
        l.setTop(0);
        LuaConversions.push(engine, l, reply);
        return 1;
    }

    /** Redis's scriptCall checks, in its order: the command exists, its arity, allowed in scripts, writes. */
    private String refusal(byte[][] argv) {
        CommandSpec spec = commandSpec(argv);
        if (spec == null) {
            return "ERR Unknown Redis command called from script";
        }
        if (!spec.arityMatches(argv.length)) {
            return "ERR Wrong number of args calling Redis command from script";
        }
        if (spec.has(CommandFlag.NOSCRIPT)) {
            return "ERR This Redis command is not allowed from script";
        }
        if (spec.has(CommandFlag.WRITE) && running.readOnly) {
            return "ERR Write commands are not allowed from read-only scripts.";
        }
        if (spec.has(CommandFlag.WRITE)) {
            // scriptVerifyWriteCommandAllow: a read-only replica, too few good replicas.
            Replication replication = running.caller.replication();
            boolean obeyed = obeyed(running.caller.client());
            if (replication.isReplica() && server.config().replicaReadOnly.get() && !obeyed) {
                return "READONLY You can't write against a read only replica.";
            }
            if (!replication.isReplica() && !obeyed && replication.notEnoughGoodReplicas()) {
                return "NOREPLICAS Not enough good replicas to write.";
            }
        }
        // The state when the script started, as Redis; and, unlike Redis, the JVM's ceiling at
        // every command, so a script cannot write the heap full (docs/memory.md).
        if (spec.has(CommandFlag.DENYOOM) && (running.oomAtStart || !obeyed(running.caller.client())
                && server.memory().usedMemory() > server.memory().heapCeiling())) {
            return Memory.OOM;
        }
        return null;
    }

    /** Our master and the AOF being loaded are never refused for memory (Redis's mustObeyClient). */
    static boolean obeyed(Client client) {
        return client.isMaster() || client.id() < 0;
    }

    private CommandSpec commandSpec(byte[][] argv) {
        CommandSpec spec = commands.lookup(argv[0]);
        if (spec != null && spec.hasSubcommands() && (argv.length >= 2 || spec.command() == null)) {
            if (argv.length < 2) {
                return spec;
            }
            return spec.subcommand(new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        }
        return spec;
    }

    /** A number argument of redis.call: integers as such, others as C's %.17g (Redis 7.0). */
    static byte[] formatNumber(double value) {
        long asLong = (long) value;
        String text = asLong == value && Math.abs(value) < 1e17 && !(value == 0 && 1 / value < 0)
                ? Long.toString(asLong) : DoubleFormat.reply(value);
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** An error of redis.call/pcall: raised as {err=} by call, returned as {err=} by pcall. */
    private int libraryError(Lua l, boolean raise, String message) {
        l.setTop(0);
        l.createTable(0, 1);
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (engine == null || LuaEngine.isPlainAscii(bytes)) {
            l.push(new String(bytes, StandardCharsets.ISO_8859_1));
        } else {
            engine.pushBytes(l, bytes);
        }
        l.setField(-2, "err");
        return raise ? -1 : 1;
    }

    @Override
    public int log(Lua l) {
        if (l.getTop() < 2) {
            l.push("redis.log() requires two arguments or more.");
            return -1;
        }
        if (l.type(1) != Lua.LuaType.NUMBER) {
            l.push("First argument must be a number (log level).");
            return -1;
        }
        int level = (int) l.toNumber(1);
        if (level < 0 || level > 3) {
            l.push("Invalid debug level.");
            return -1;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 2; i <= l.getTop(); i++) {
            if (i > 2) {
                text.append(' ');
            }
            text.append(new String(LuaEngine.toBytes(l, i), StandardCharsets.UTF_8));
        }
        LOG.log(level == 3 ? Level.WARNING : level == 2 ? Level.INFO : Level.FINE, text.toString());
        return 0;
    }

    @Override
    public int setResp(Lua l) {
        if (l.getTop() != 1) {
            l.push("redis.setresp() requires one argument.");
            return -1;
        }
        int version = (int) l.toNumber(1);
        if (version != 2 && version != 3) {
            l.push("RESP version must be 2 or 3.");
            return -1;
        }
        if (scriptClient != null) {
            scriptClient.protocol(version);
        }
        return 0;
    }

    @Override
    public int setRepl(Lua l) {
        if (l.getTop() != 1) {
            l.push("redis.set_repl() requires one argument.");
            return -1;
        }
        int flags = (int) l.toNumber(1);
        if (flags < 0 || flags > 3) {
            l.push("Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
            return -1;
        }
        return 0;
    }

    /**
     * The time check, every 100,000 Lua instructions (Redis's scriptInterrupt): past
     * busy-reply-threshold, other clients get -BUSY and their input is read meanwhile; returns
     * (to Lua) whether SCRIPT KILL asked the script to stop.
     */
    @Override
    public int check(Lua l) {
        Run run = running;
        if (run == null) {
            l.push(false);
            return 1;
        }
        if (!run.timedOut) {
            long elapsedMs = (server.clock().nanos() - run.startNanos) / 1_000_000;
            if (elapsedMs >= server.config().busyReplyThreshold.get()) {
                run.timedOut = true;
                LOG.warning("Slow script detected: still in execution after " + elapsedMs
                        + " milliseconds. You can try killing the script using the "
                        + (run.eval ? "SCRIPT" : "FUNCTION") + " KILL command. Script name is: " + run.name + ".");
                dispatcher.busy(run.eval ? BUSY : BUSY_FUNCTION);
            }
        }
        if (run.timedOut) {
            BusyPoller.poll(server, run.caller.client());
        }
        l.push(run.killed);
        return 1;
    }

    /** SCRIPT KILL ({@code eval}) and FUNCTION KILL: stops the running script at its next time check. */
    public void kill(boolean eval) {
        Run run = running;
        if (run == null) {
            throw new RedisException("NOTBUSY No scripts in execution right now.");
        }
        if (obeyed(run.caller.client())) {
            throw new RedisException(UNKILLABLE_MASTER);
        }
        if (run.wrote) {
            throw new RedisException(UNKILLABLE);
        }
        if (eval && !run.eval) {
            throw new RedisException(BUSY_FUNCTION);
        }
        if (!eval && run.eval) {
            throw new RedisException(BUSY);
        }
        run.killed = true;
        LOG.warning((eval ? "Lua script" : "Function") + " killed by user with " + (eval ? "SCRIPT" : "FUNCTION") + " KILL.");
    }
}
