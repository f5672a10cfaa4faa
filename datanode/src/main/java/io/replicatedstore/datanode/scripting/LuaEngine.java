package io.replicatedstore.datanode.scripting;

import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua51.Lua51;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One Lua 5.1 state (PUC-Rio's, through JNI) with the environment Redis 7.0 gives scripts,
 * built by {@code prelude.lua}. Owns the Lua stack primitives the conversions need, most of all
 * binary-safe strings: the binding moves Java Strings as C strings, so bytes that are not
 * plain ASCII travel another way (see {@link #pushBytes}). Used by the command thread only.
 */
public final class LuaEngine implements AutoCloseable {

    /** The Java side of the redis table: what a script's redis.call, redis.log... reach. */
    public interface Callbacks {
        /** redis.call (raise) / redis.pcall: arguments at 1..top of {@code lua}; pushes results, returns their count or -1 to raise. */
        int call(Lua lua, boolean raise);

        int log(Lua lua);

        int setResp(Lua lua);

        int setRepl(Lua lua);

        /** Called every 100,000 Lua instructions: returns -1 with an error pushed to stop the script. */
        int check(Lua lua);
    }

    public static final String VERSION = "7.0.15";
    public static final int VERSION_NUM = 0x07000f;

    private final Lua lua;
    private final int compileRef;
    private final int runRef;
    private ByteBuffer chunk = ByteBuffer.allocateDirect(256).order(ByteOrder.LITTLE_ENDIAN);

    public LuaEngine(Callbacks callbacks) {
        lua = new Lua51();
        for (String library : new String[] {"string", "table", "math", "debug"}) {
            lua.openLibrary(library);
        }
        lua.newTable();
        setFunction("call", l -> callbacks.call(l, true));
        setFunction("pcall", l -> callbacks.call(l, false));
        setFunction("sha1hex", LuaEngine::sha1hex);
        setFunction("log", callbacks::log);
        setFunction("setresp", callbacks::setResp);
        setFunction("set_repl", callbacks::setRepl);
        setFunction("check", callbacks::check);
        lua.push(VERSION);
        lua.setField(-2, "version");
        lua.push(VERSION_NUM);
        lua.setField(-2, "version_num");
        loadResource("prelude.lua", "=prelude");
        lua.insert(-2);
        lua.pCall(1, 2);
        runRef = lua.ref();
        compileRef = lua.ref();
    }

    public Lua lua() {
        return lua;
    }

    private void setFunction(String name, JFunction function) {
        lua.push(function);
        lua.setField(-2, name);
    }

    private void loadResource(String resource, String chunkName) {
        try (InputStream in = LuaEngine.class.getResourceAsStream(resource)) {
            byte[] bytes = in.readAllBytes();
            ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
            lua.load(buffer, chunkName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles a script body into a function whose environment is the protected globals; returns
     * a reference for {@link #run}, or throws with Lua's message.
     */
    public int compile(byte[] body, String chunkName) {
        lua.refGet(compileRef);
        pushBytes(lua, body);
        lua.push(chunkName);
        lua.pCall(2, 2);
        if (lua.isNil(-2)) {
            String message = lua.toString(-1);
            lua.pop(2);
            throw new CompileError(message);
        }
        lua.pop(1);
        return lua.ref();
    }

    public void release(int ref) {
        lua.unref(ref);
    }

    /**
     * Runs a compiled function under the error handler. Leaves two values on the stack: true and
     * the script's result, or false and the error table ({err=, source=, line=}).
     */
    public boolean run(int ref) {
        lua.refGet(runRef);
        lua.refGet(ref);
        lua.pCall(1, 2);
        return lua.toBoolean(-2);
    }

    /** Sets a global array of strings (KEYS, ARGV) in the real globals, under the protection. */
    public void setGlobalArray(String name, byte[][] values, int from, int count) {
        lua.createTable(count, 0);
        for (int i = 0; i < count; i++) {
            pushBytes(lua, values[from + i]);
            lua.rawSetI(-2, i + 1);
        }
        lua.setGlobal(name);
    }

    /** Frees what a script left unreferenced (SCRIPT FLUSH). */
    public void collectGarbage() {
        lua.gc();
    }

    /** The memory the Lua state uses (used_memory_lua): collectgarbage("count"). */
    public long usedMemory() {
        lua.getGlobal("collectgarbage");
        lua.push("count");
        lua.pCall(1, 1);
        long kb = (long) (lua.toNumber(-1) * 1024);
        lua.pop(1);
        return kb;
    }

    @Override
    public void close() {
        lua.close();
    }

    // Binary-safe strings

    /**
     * Pushes bytes as a Lua string. Plain ASCII (no NUL) goes as a Java String; anything else as
     * a tiny precompiled chunk returning the string as its constant, the one way the binding
     * offers to hand Lua arbitrary bytes.
     */
    public void pushBytes(Lua l, byte[] bytes) {
        if (isPlainAscii(bytes)) {
            l.push(new String(bytes, StandardCharsets.ISO_8859_1));
            return;
        }
        int size = 64 + bytes.length;
        if (chunk.capacity() < size) {
            chunk = ByteBuffer.allocateDirect(Math.max(size, chunk.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer b = chunk.clear();
        // Lua 5.1's binary chunk: header (x86_64: 4-byte int, 8-byte size_t, 8-byte double)...
        b.put(CHUNK_HEADER);
        // ...a main function with no source, lines, upvalues or parameters, vararg, 2 registers...
        b.putLong(0).putInt(0).putInt(0).put((byte) 0).put((byte) 0).put((byte) 2).put((byte) 2);
        // ...whose code is LOADK 0 0; RETURN 0 2...
        b.putInt(2).putInt(OP_LOADK).putInt(OP_RETURN | (2 << 23));
        // ...with one string constant (its length counts a trailing NUL), no protos, no debug info.
        b.putInt(1).put((byte) 4).putLong(bytes.length + 1L).put(bytes).put((byte) 0);
        b.putInt(0).putInt(0).putInt(0).putInt(0);
        b.flip();
        l.load(b, "=bytes");
        l.pCall(0, 1);
    }

    private static final byte[] CHUNK_HEADER = {0x1b, 'L', 'u', 'a', 0x51, 0, 1, 4, 8, 4, 8, 0};
    private static final int OP_LOADK = 1;
    private static final int OP_RETURN = 30;

    static boolean isPlainAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0) {
                return false;
            }
        }
        return true;
    }

    /** The string (or number, as Lua formats it) at {@code index}, as bytes. */
    public static byte[] toBytes(Lua l, int index) {
        String text = l.toString(index);
        // The binding returns C strings through JNI: exact when all ASCII and nothing cut at a NUL.
        if (text != null && text.length() == l.rawLength(index) && isAsciiText(text)) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteBuffer buffer = l.toBuffer(index);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static boolean isAsciiText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static int sha1hex(Lua l) {
        if (l.getTop() != 1) {
            l.push("wrong number of arguments");
            return -1;
        }
        l.push(Sha1.hex(toBytes(l, 1)));
        return 1;
    }

    /** A script that does not compile. */
    public static final class CompileError extends RuntimeException {
        public CompileError(String message) {
            super(message, null, false, false);
        }
    }
}
