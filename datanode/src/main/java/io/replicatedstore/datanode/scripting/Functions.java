package io.replicatedstore.datanode.scripting;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.FunctionLibraries;
import io.replicatedstore.datanode.util.Clock;
import party.iroiro.luajava.Lua;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redis 7.0's functions (functions.c, function_lua.c): the libraries FUNCTION LOAD made, in a
 * Lua state of their own, and the functions they registered, which FCALL runs through the
 * server's {@link ScriptRunner}. Runs on the command thread.
 */
public final class Functions implements FunctionLibraries {

    /** How long a library's code may run at FUNCTION LOAD (Redis's LOAD_TIMEOUT_MS). */
    static final long LOAD_TIMEOUT_MS = 500;
    static final String BAD_NAME = "Library names can only contain letters, numbers, or underscores(_) "
            + "and must be at least one character long";

    /** A registered function. */
    public record Function(String name, String description, Set<ScriptFlags.Flag> flags, int ref, Library library) {
    }

    /** A library: its name, its code as given, and its functions in the order it registered them. */
    public static final class Library {
        private final String name;
        private final byte[] code;
        private final List<Function> functions = new ArrayList<>();

        Library(String name, byte[] code) {
            this.name = name;
            this.code = code;
        }

        public String name() {
            return name;
        }

        public byte[] code() {
            return code;
        }

        public List<Function> functions() {
            return functions;
        }
    }

    private final ScriptRunner runner;
    private LuaEngine engine;
    private final Map<String, Library> libraries = new LinkedHashMap<>();
    private final Map<String, Function> functions = new HashMap<>();
    /** While a library's code runs at load: when it must have ended, by loadClock (null: no limit). */
    private long loadDeadlineNanos;
    private Clock loadClock;
    private boolean loading;

    public Functions(ScriptRunner runner) {
        this.runner = runner;
    }

    private LuaEngine engine() {
        if (engine == null) {
            engine = new LuaEngine(new LoadCallbacks(), true);
        }
        return engine;
    }

    public Collection<Library> libraries() {
        return libraries.values();
    }

    public int functionCount() {
        return functions.size();
    }

    /** used_memory_vm_functions: the functions' Lua state (0 before the first library). */
    public long luaMemory() {
        return engine == null ? 0 : engine.usedMemory();
    }

    @Override
    public List<byte[]> codes() {
        List<byte[]> codes = new ArrayList<>(libraries.size());
        for (Library library : libraries.values()) {
            codes.add(library.code);
        }
        return codes;
    }

    // Loading

    /** FUNCTION LOAD: returns the library's name; throws Redis's error if it does not load. */
    public String load(CommandContext ctx, byte[] code, boolean replace) {
        // Our master and the AOF are obeyed whatever the time their libraries take, as in Redis.
        Clock clock = ScriptRunner.obeyed(ctx.client()) ? null : ctx.server().clock();
        try {
            Library library = compile(code, replace ? null : libraries, clock);
            Library old = libraries.get(library.name);
            String collision = collision(List.of(library), old == null ? Set.of() : Set.of(old.name));
            if (collision != null) {
                free(library);
                throw new LoadError(collision);
            }
            if (old != null) {
                unlink(old);
                free(old);
            }
            link(library);
            return library.name;
        } catch (LoadError e) {
            throw new RedisException("ERR " + e.getMessage());
        }
    }

    /** A library that does not load; the message is Redis's, without "ERR ". */
    public static final class LoadError extends Exception {
        LoadError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads the shebang, runs the code and collects what it registered, without linking the
     * library. {@code existing}: libraries whose names it may not take (null: any); {@code clock}
     * times the code against the load timeout (null: no limit).
     */
    Library compile(byte[] code, Map<String, Library> existing, Clock clock) throws LoadError {
        Metadata md = Metadata.parse(code);
        if (!validName(md.name)) {
            throw new LoadError(BAD_NAME);
        }
        if (!md.engine.equalsIgnoreCase("lua")) {
            throw new LoadError("Engine '" + md.engine + "' not found");
        }
        if (existing != null && existing.containsKey(md.name)) {
            throw new LoadError("Library '" + md.name + "' already exists");
        }
        LuaEngine lua = engine();
        int bodyRef;
        try {
            bodyRef = lua.compile(md.body, "@user_function");
        } catch (LuaEngine.CompileError e) {
            throw new LoadError("Error compiling function: " + e.getMessage());
        }
        Library library = new Library(md.name, code);
        Lua l = lua.lua();
        loading = true;
        loadClock = clock;
        loadDeadlineNanos = clock == null ? 0 : clock.nanos() + LOAD_TIMEOUT_MS * 1_000_000;
        try {
            if (!lua.loadLibrary(bodyRef)) {
                LuaConversions.rawField(l, l.getTop(), "err");
                String message = l.type(-1) == Lua.LuaType.STRING
                        ? new String(LuaEngine.toBytes(l, -1), StandardCharsets.UTF_8) : "ERR unknown error";
                l.pop(1);
                throw new LoadError("Error registering functions: " + message);
            }
            readRegistered(l, library);
        } finally {
            l.pop(2);
            loading = false;
            loadClock = null;
            lua.release(bodyRef);
        }
        if (library.functions.isEmpty()) {
            throw new LoadError("No functions registered");
        }
        return library;
    }

    /** The list on top of the stack: {name=, callback=, flags={...}, description=} each. */
    private static void readRegistered(Lua l, Library library) {
        int list = l.getTop();
        int count = l.rawLength(list);
        for (int i = 1; i <= count; i++) {
            l.rawGetI(list, i);
            int entry = l.getTop();
            LuaConversions.rawField(l, entry, "name");
            String name = l.toString(-1);
            l.pop(1);
            LuaConversions.rawField(l, entry, "description");
            String description = l.type(-1) == Lua.LuaType.STRING
                    ? new String(LuaEngine.toBytes(l, -1), StandardCharsets.UTF_8) : null;
            l.pop(1);
            Set<ScriptFlags.Flag> flags = EnumSet.noneOf(ScriptFlags.Flag.class);
            LuaConversions.rawField(l, entry, "flags");
            int flagCount = l.rawLength(-1);
            for (int f = 1; f <= flagCount; f++) {
                l.rawGetI(-1, f);
                flags.add(ScriptFlags.flag(l.toString(-1)));
                l.pop(1);
            }
            l.pop(1);
            LuaConversions.rawField(l, entry, "callback");
            int ref = l.ref();
            l.pop(1);
            library.functions.add(new Function(name, description, flags, ref, library));
        }
    }

    /** The first function of {@code incoming} whose name another library (not one of {@code leaving}) has. */
    private String collision(Collection<Library> incoming, Set<String> leaving) {
        for (Library library : incoming) {
            for (Function function : library.functions) {
                Function existing = functions.get(key(function.name()));
                if (existing != null && !leaving.contains(existing.library().name)) {
                    return "Function " + function.name() + " already exists";
                }
            }
        }
        return null;
    }

    private void link(Library library) {
        libraries.put(library.name, library);
        for (Function function : library.functions) {
            functions.put(key(function.name()), function);
        }
    }

    private void unlink(Library library) {
        libraries.remove(library.name);
        for (Function function : library.functions) {
            functions.remove(key(function.name()));
        }
    }

    /** Function names are case-insensitive across libraries (Redis's functions dictionary). */
    private static String key(String functionName) {
        return functionName.toLowerCase(java.util.Locale.ROOT);
    }

    private void free(Library library) {
        for (Function function : library.functions) {
            engine.release(function.ref());
        }
    }

    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** A library's shebang ({@code #!lua name=mylib}) and the code after it. */
    record Metadata(String engine, String name, byte[] body) {

        static Metadata parse(byte[] code) throws LoadError {
            if (code.length < 2 || code[0] != '#' || code[1] != '!') {
                throw new LoadError("Missing library metadata");
            }
            int end = 0;
            while (end < code.length && code[end] != '\n' && code[end] != 0) {
                end++;
            }
            if (end == code.length || code[end] != '\n') {
                throw new LoadError("Invalid library metadata");
            }
            String[] parts = splitArgs(new String(code, 0, end, StandardCharsets.UTF_8));
            if (parts == null || parts.length == 0) {
                throw new LoadError("Invalid library metadata");
            }
            String engine = parts[0].substring(2);
            String name = null;
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                if (part.regionMatches(true, 0, "name=", 0, 5)) {
                    if (name != null) {
                        throw new LoadError("Invalid metadata value, name argument was given multiple times");
                    }
                    name = part.substring(5);
                    continue;
                }
                throw new LoadError("Invalid metadata value given: " + part);
            }
            if (name == null) {
                throw new LoadError("Library name was not given");
            }
            // The code from the shebang's newline on, so line numbers are the library's own.
            byte[] body = java.util.Arrays.copyOfRange(code, end, code.length);
            return new Metadata(engine, name, body);
        }
    }

    /**
     * Splits the shebang line into words as Redis's sdssplitargs does: blanks separate them,
     * "double quotes" (with backslash escapes) and 'single quotes' may group; a closing quote
     * must end its word. Null when the quoting is unbalanced.
     */
    static String[] splitArgs(String line) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return words.toArray(new String[0]);
            }
            StringBuilder word = new StringBuilder();
            char quote = 0;
            while (true) {
                if (i >= n) {
                    if (quote != 0) {
                        return null;
                    }
                    break;
                }
                char c = line.charAt(i);
                if (quote == '"') {
                    if (c == '\\' && i + 1 < n) {
                        char e = line.charAt(++i);
                        word.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> (char) 7;
                            default -> e;
                        });
                    } else if (c == '"') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            return null;
                        }
                        quote = 0;
                        i++;
                        break;
                    } else {
                        word.append(c);
                    }
                } else if (quote == '\'') {
                    if (c == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        word.append('\'');
                        i++;
                    } else if (c == '\'') {
                        if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
                            return null;
                        }
                        quote = 0;
                        i++;
                        break;
                    } else {
                        word.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    break;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else {
                    word.append(c);
                }
                i++;
            }
            words.add(word.toString());
        }
    }

    // The other FUNCTION subcommands

    /** FUNCTION DELETE. */
    public void delete(String name) {
        Library library = libraries.get(name);
        if (library == null) {
            throw new RedisException("ERR Library not found");
        }
        unlink(library);
        free(library);
    }

    /** FUNCTION FLUSH. */
    public void flush() {
        for (Library library : new ArrayList<>(libraries.values())) {
            unlink(library);
            free(library);
        }
        if (engine != null) {
            engine.collectGarbage();
        }
    }

    /** FUNCTION RESTORE's policies. */
    public enum RestorePolicy { APPEND, REPLACE, FLUSH }

    /**
     * Adds libraries (FUNCTION RESTORE, an RDB's function section): all or none. APPEND fails
     * on a library name already there, REPLACE replaces such libraries, FLUSH replaces all.
     */
    public void restore(List<byte[]> codes, RestorePolicy policy) throws LoadError {
        Map<String, Library> incoming = new LinkedHashMap<>();
        try {
            for (byte[] code : codes) {
                Library library = compile(code, incoming, null);
                incoming.put(library.name, library);
            }
            Set<String> leaving = new java.util.HashSet<>();
            if (policy == RestorePolicy.FLUSH) {
                leaving.addAll(libraries.keySet());
            } else {
                for (String name : incoming.keySet()) {
                    if (libraries.containsKey(name)) {
                        if (policy == RestorePolicy.APPEND) {
                            throw new LoadError("Library " + name + " already exists");
                        }
                        leaving.add(name);
                    }
                }
            }
            String collision = collision(incoming.values(), leaving);
            if (collision != null) {
                throw new LoadError(collision);
            }
            for (String name : leaving) {
                Library old = libraries.get(name);
                unlink(old);
                free(old);
            }
        } catch (LoadError | RuntimeException e) {
            for (Library library : incoming.values()) {
                free(library);
            }
            throw e;
        }
        for (Library library : incoming.values()) {
            link(library);
        }
    }

    @Override
    public void replaceAll(List<byte[]> codes) {
        if (codes.isEmpty() && libraries.isEmpty()) {
            return;
        }
        try {
            restore(codes, RestorePolicy.FLUSH);
        } catch (LoadError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    // FCALL

    /** FCALL / FCALL_RO: runs the function argv[1] with numkeys argv[2]. */
    public void call(CommandContext ctx, boolean readOnlyCommand) {
        Function function = functions.get(key(ctx.argString(1)));
        if (function == null) {
            throw new RedisException("ERR Function not found");
        }
        long numKeys;
        try {
            numKeys = Long.parseLong(ctx.argString(2));
        } catch (NumberFormatException e) {
            throw new RedisException("ERR Bad number of keys provided");
        }
        if (numKeys > ctx.argc() - 3) {
            throw new RedisException("ERR Number of keys can't be greater than number of args");
        }
        if (numKeys < 0) {
            throw new RedisException("ERR Number of keys can't be negative");
        }
        int keys = (int) numKeys;
        byte[][] argv = ctx.argv();
        LuaEngine lua = engine();
        ScriptRunner.Target target = new ScriptRunner.Target(function.name(), false, true, function.flags());
        runner.run(ctx, lua, target, readOnlyCommand,
                () -> lua.callFunction(function.ref(), argv, 3, keys, 3 + keys, argv.length - 3 - keys));
    }

    /** The function running now, as FUNCTION STATS shows it. */
    public record Running(String name, byte[][] command, long durationMs) {
    }

    /** The function running now, or null; -BUSY while an EVAL runs (FUNCTION STATS is not for those). */
    public Running running() {
        ScriptRunner.Running current = runner.current();
        if (current == null) {
            return null;
        }
        if (current.eval()) {
            throw new RedisException(ScriptRunner.BUSY);
        }
        return new Running(current.name(), current.command(), current.durationMs());
    }

    /** FUNCTION KILL. */
    public void kill() {
        runner.kill(false);
    }

    public ScriptRunner runner() {
        return runner;
    }

    /** The runner's callbacks, and the load timeout while a library's code runs. */
    private final class LoadCallbacks implements LuaEngine.Callbacks {
        @Override
        public int call(Lua lua, boolean raise) {
            return runner.call(lua, raise);
        }

        @Override
        public int log(Lua lua) {
            return runner.log(lua);
        }

        @Override
        public int setResp(Lua lua) {
            return runner.setResp(lua);
        }

        @Override
        public int setRepl(Lua lua) {
            return runner.setRepl(lua);
        }

        @Override
        public int check(Lua lua) {
            if (loading) {
                if (loadClock != null && loadClock.nanos() - loadDeadlineNanos > 0) {
                    lua.push("ERR FUNCTION LOAD timeout");
                } else {
                    lua.push(false);
                }
                return 1;
            }
            return runner.check(lua);
        }
    }

}
