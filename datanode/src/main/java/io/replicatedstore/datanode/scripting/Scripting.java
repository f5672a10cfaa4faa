package io.replicatedstore.datanode.scripting;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * EVAL's machinery for one server: its Lua engine (made on first use) and the script cache by
 * SHA1; scripts run through the server's {@link ScriptRunner}. Runs on the command thread.
 */
public final class Scripting {

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    /** A cached script: its compiled function and what Redis keeps of it. */
    public record Script(String sha, byte[] source, ScriptFlags flags, int ref) {
    }

    private final ScriptRunner runner;
    private LuaEngine engine;
    private final Map<String, Script> cache = new HashMap<>();
    private long cachedBytes;

    public Scripting(ScriptRunner runner) {
        this.runner = runner;
    }

    private LuaEngine engine() {
        if (engine == null) {
            engine = new LuaEngine(runner);
        }
        return engine;
    }

    public ScriptRunner runner() {
        return runner;
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
        return runner.isRunning();
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
            ref = engine().compile(flags.body(), "@user_script");
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

    /**
     * EVAL/EVALSHA: runs a script with the keys and arguments at argv[3..], writing its reply to
     * the caller. {@code readOnlyCommand}: EVAL_RO/EVALSHA_RO.
     */
    public void run(CommandContext ctx, Script script, boolean readOnlyCommand) {
        byte[][] argv = ctx.argv();
        int numKeys = numKeys(ctx);
        LuaEngine lua = engine();
        ScriptRunner.Target target = new ScriptRunner.Target(script.sha(), true, script.flags().hasShebang(),
                script.flags().flags());
        runner.run(ctx, lua, target, readOnlyCommand, () -> {
            lua.setGlobalArray("KEYS", argv, 3, numKeys);
            lua.setGlobalArray("ARGV", argv, 3 + numKeys, argv.length - 3 - numKeys);
            return lua.run(script.ref());
        });
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

    /** SCRIPT KILL. */
    public void kill() {
        runner.kill(true);
    }
}
