package io.replicatedstore.datanode.scripting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.command.CommandFlag;
import io.replicatedstore.datanode.command.CommandSpec;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.resp.DoubleFormat;
import io.replicatedstore.datanode.resp.RespWriter;
import io.replicatedstore.datanode.command.CommandTable;
import io.replicatedstore.datanode.command.Dispatcher;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Memory;
import io.replicatedstore.datanode.server.Server;
import party.iroiro.luajava.Lua;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * EVAL's machinery for one server: the Lua engine (made on first use), the script cache by SHA1,
 * and the script running now, whose redis.call runs commands through the dispatcher as a client
 * of its own. Everything here runs on the command thread.
 */
public final class Scripting implements LuaEngine.Callbacks {

    private static final Logger LOG = Logger.getLogger("script");
    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    /** A cached script: its compiled function and what Redis keeps of it. */
    public record Script(String sha, byte[] source, ScriptFlags flags, int ref) {
    }

    private Server server;
    private Dispatcher dispatcher;
    private CommandTable commands;
    private LuaEngine engine;
    private final Map<String, Script> cache = new HashMap<>();
    private long cachedBytes;
    private Client scriptClient;
    private RespWriter scriptWriter;
    /** The script running now, or null. */
    private Run running;

    static final String BUSY = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    static final String KILLED = "ERR Script killed by user with SCRIPT KILL...";
    static final String UNKILLABLE = "UNKILLABLE Sorry the script already executed write commands against the dataset. "
            + "You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";

    /** The state of one script while it runs. */
    private static final class Run {
        final CommandContext caller;
        final boolean readOnly;
        final long startNanos;
        /** It changed the dataset: SCRIPT KILL can no longer stop it. */
        boolean wrote;
        /** Past busy-reply-threshold: other clients are answered -BUSY. */
        boolean timedOut;
        boolean killed;
        /** Over the memory limit when it started, and not flagged allow-oom. */
        boolean oomAtStart;

        Run(CommandContext caller, boolean readOnly) {
            this.caller = caller;
            this.startNanos = caller.server().clock().nanos();
            this.readOnly = readOnly;
        }
    }

    private LuaEngine engine(CommandContext ctx) {
        if (engine == null) {
            this.server = ctx.server();
            this.dispatcher = ctx.dispatcher();
            this.commands = ctx.commands();
            engine = new LuaEngine(this);
            scriptWriter = new RespWriter(PooledByteBufAllocator.DEFAULT);
            scriptClient = server.fakeClient(scriptWriter);
        }
        return engine;
    }

    public int cachedScripts() {
        return cache.size();
    }

    public long cachedBytes() {
        return cachedBytes;
    }

    /** used_memory_lua: what the Lua state holds (0 before the first script). */
    public long luaMemory() {
        return engine == null ? 0 : engine.usedMemory();
    }

    public boolean isRunning() {
        return running != null;
    }

    // The script cache

    /** SCRIPT LOAD and EVAL: compiles and caches a script (once); returns it. */
    public Script load(CommandContext ctx, byte[] source) {
        String sha = Sha1.hex(source);
        Script script = cache.get(sha);
        if (script != null) {
            return script;
        }
        ScriptFlags flags = ScriptFlags.parse(source);
        int ref;
        try {
            ref = engine(ctx).compile(flags.body(), "@user_script");
        } catch (LuaEngine.CompileError e) {
            throw new RedisException("ERR Error compiling script (new function): " + e.getMessage());
        }
        script = new Script(sha, source, flags, ref);
        cache.put(sha, script);
        cachedBytes += source.length;
        return script;
    }

    public Script lookup(String sha) {
        return cache.get(sha.toLowerCase(Locale.ROOT));
    }

    public boolean exists(String sha) {
        return lookup(sha) != null;
    }

    /** SCRIPT FLUSH: forgets every script (the Lua state stays; its functions are collected). */
    public void flush() {
        if (engine == null) {
            return;
        }
        for (Script script : cache.values()) {
            engine.release(script.ref());
        }
        cache.clear();
        cachedBytes = 0;
        engine.collectGarbage();
    }

    // Running

    /**
     * EVAL/EVALSHA: runs a script with the keys and arguments at argv[3..], writing its reply to
     * the caller. {@code readOnlyCommand}: EVAL_RO/EVALSHA_RO.
     */
    public void run(CommandContext ctx, Script script, boolean readOnlyCommand) {
        byte[][] argv = ctx.argv();
        int numKeys = numKeys(ctx);
        LuaEngine lua = engine(ctx);
        lua.setGlobalArray("KEYS", argv, 3, numKeys);
        lua.setGlobalArray("ARGV", argv, 3 + numKeys, argv.length - 3 - numKeys);
        Run run = new Run(ctx, readOnlyCommand || script.flags().has(ScriptFlags.Flag.NO_WRITES));
        // Redis's pre_command_oom_state: a script started over maxmemory may not run denyoom commands.
        run.oomAtStart = !script.flags().has(ScriptFlags.Flag.ALLOW_OOM) && !obeyed(ctx.client())
                && server.memory().performEvictions() == Memory.Result.FAIL;
        scriptClient.select(ctx.db().id());
        scriptClient.protocol(2);
        running = run;
        // The script's effects are propagated (by the commands it runs), never the script itself.
        ctx.preventPropagation();
        Lua l = lua.lua();
        try {
            if (lua.run(script.ref())) {
                LuaConversions.write(l, -1, ctx.reply(), scriptClient.protocol());
            } else {
                ctx.reply().error(errorReply(l, script.sha()));
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

    /** numkeys, checked as Redis's evalGetKeys does. */
    private static int numKeys(CommandContext ctx) {
        long numKeys = ctx.argLong(2);
        if (numKeys < 0) {
            throw new RedisException("ERR Number of keys can't be negative");
        }
        if (numKeys > ctx.argc() - 3) {
            throw new RedisException("ERR Number of keys can't be greater than number of args");
        }
        return (int) numKeys;
    }

    /** The error table on top of the stack as Redis 7.0 replies it: "msg script: sha, on source:line." */
    private static String errorReply(Lua l, String sha) {
        int table = l.getTop();
        if (l.type(table) != Lua.LuaType.TABLE) {
            return "ERR Error running script (call to f_" + sha + "): " + l.toString(table);
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
            message += " script: " + sha + ", on " + source + ":" + line + ".";
        }
        return message;
    }

    // redis.* callbacks

    @Override
    public int call(Lua l, boolean raise) {
        int argc = l.getTop();
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
        // The state when the script started, as Redis; and, unlike Redis, the JVM's ceiling at
        // every command, so a script cannot write the heap full (docs/memory.md).
        if (spec.has(CommandFlag.DENYOOM) && (running.oomAtStart || !obeyed(running.caller.client())
                && server.memory().usedMemory() > server.memory().heapCeiling())) {
            return Memory.OOM;
        }
        return null;
    }

    /** Our master and the AOF being loaded are never refused for memory (Redis's mustObeyClient). */
    private static boolean obeyed(Client client) {
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
        engine.pushBytes(l, message.getBytes(StandardCharsets.UTF_8));
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
        scriptClient.protocol(version);
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
                        + " milliseconds. You can try killing the script using the SCRIPT KILL command.");
                dispatcher.busy(BUSY);
            }
        }
        if (run.timedOut) {
            BusyPoller.poll(server, run.caller.client());
        }
        l.push(run.killed);
        return 1;
    }

    /** SCRIPT KILL: stops the running script at its next time check, unless it has written. */
    public void kill() {
        Run run = running;
        if (run == null) {
            throw new RedisException("NOTBUSY No scripts in execution right now.");
        }
        if (run.wrote) {
            throw new RedisException(UNKILLABLE);
        }
        run.killed = true;
        LOG.warning("Lua script killed by user with SCRIPT KILL.");
    }
}
