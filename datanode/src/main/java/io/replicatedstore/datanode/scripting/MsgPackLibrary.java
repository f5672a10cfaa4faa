package io.replicatedstore.datanode.scripting;

import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The {@code cmsgpack} library Redis's Lua has (lua-cmsgpack 0.4.0: pack, unpack, unpack_one,
 * unpack_limit), in Java behind Lua functions: MessagePack's float32/float64 and 64-bit
 * integers are byte work that Lua 5.1's doubles make slow and error-prone. Encodes as
 * lua-cmsgpack does: a number that is a 64-bit integer as the smallest integer type, another as
 * float32 when that loses nothing, else float64; a table whose keys are exactly 1..n as an
 * array, any other as a map in Lua's `next` order; tables nested 16 deep as nil.
 */
final class MsgPackLibrary {

    private static final int MAX_NESTING = 16;
    private static final double TWO_63 = 9.223372036854775807E18;

    private MsgPackLibrary() {
    }

    /** Pushes the library's table; strings are handed to Lua through {@code engine}. */
    static void push(Lua lua, LuaEngine engine) {
        lua.createTable(0, 8);
        set(lua, "pack", l -> pack(l, engine));
        set(lua, "unpack", l -> unpack(l, engine, 0, 0, false));
        set(lua, "unpack_one", l -> unpack(l, engine, 1, offsetArg(l, 2), true));
        set(lua, "unpack_limit", l -> unpack(l, engine, (int) Math.max(0, l.toNumber(2)), offsetArg(l, 3), true));
        lua.push("lua-cmsgpack");
        lua.setField(-2, "_NAME");
        lua.push("lua-cmsgpack 0.4.0");
        lua.setField(-2, "_VERSION");
        lua.push("Copyright (C) 2012, Salvatore Sanfilippo");
        lua.setField(-2, "_COPYRIGHT");
        lua.push("MessagePack C implementation for Lua");
        lua.setField(-2, "_DESCRIPTION");
    }

    private static long offsetArg(Lua l, int index) {
        return l.getTop() >= index && l.type(index) == Lua.LuaType.NUMBER ? (long) l.toNumber(index) : 0;
    }

    private static void set(Lua lua, String name, JFunction function) {
        lua.push((JFunction) l -> {
            try {
                return function.__call(l);
            } catch (IllegalArgumentException e) {
                l.setTop(0);
                l.push(e.getMessage());
                return -1;
            }
        });
        lua.setField(-2, name);
    }

    // Packing

    private static int pack(Lua l, LuaEngine engine) {
        int argc = l.getTop();
        if (argc == 0) {
            throw new IllegalArgumentException("bad argument #0 to 'pack' (MessagePack pack needs input.)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= argc; i++) {
            encode(l, i, out, 0);
        }
        l.setTop(0);
        engine.pushBytes(l, out.toByteArray());
        return 1;
    }

    private static void encode(Lua l, int at, ByteArrayOutputStream out, int level) {
        Lua.LuaType type = l.type(at);
        if (type == Lua.LuaType.TABLE && level == MAX_NESTING) {
            type = Lua.LuaType.NIL;
        }
        switch (type) {
            case BOOLEAN -> out.write(l.toBoolean(at) ? 0xc3 : 0xc2);
            case NUMBER -> encodeNumber(l.toNumber(at), out);
            case STRING -> encodeString(LuaEngine.toBytes(l, at), out);
            case TABLE -> encodeTable(l, at, out, level);
            default -> out.write(0xc0);
        }
    }

    static void encodeNumber(double n, ByteArrayOutputStream out) {
        if (!Double.isInfinite(n) && n >= -TWO_63 && n < TWO_63 && (long) n == n) {
            encodeInteger((long) n, out);
        } else if ((double) (float) n == n || Double.isNaN(n)) {
            out.write(0xca);
            writeBig(out, Float.floatToRawIntBits((float) n) & 0xffffffffL, 4);
        } else {
            out.write(0xcb);
            writeBig(out, Double.doubleToRawLongBits(n), 8);
        }
    }

    private static void encodeInteger(long n, ByteArrayOutputStream out) {
        if (n >= 0) {
            if (n < 128) {
                out.write((int) n);
            } else if (n < 256) {
                out.write(0xcc);
                out.write((int) n);
            } else if (n < 65536) {
                out.write(0xcd);
                writeBig(out, n, 2);
            } else if (n < 4294967296L) {
                out.write(0xce);
                writeBig(out, n, 4);
            } else {
                out.write(0xcf);
                writeBig(out, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) (n & 0xff));
        } else if (n >= -128) {
            out.write(0xd0);
            out.write((int) (n & 0xff));
        } else if (n >= -32768) {
            out.write(0xd1);
            writeBig(out, n, 2);
        } else if (n >= -2147483648L) {
            out.write(0xd2);
            writeBig(out, n, 4);
        } else {
            out.write(0xd3);
            writeBig(out, n, 8);
        }
    }

    private static void encodeString(byte[] s, ByteArrayOutputStream out) {
        int len = s.length;
        if (len < 32) {
            out.write(0xa0 | len);
        } else if (len <= 0xff) {
            out.write(0xd9);
            out.write(len);
        } else if (len <= 0xffff) {
            out.write(0xda);
            writeBig(out, len, 2);
        } else {
            out.write(0xdb);
            writeBig(out, len, 4);
        }
        out.write(s, 0, len);
    }

    private static void encodeTable(Lua l, int at, ByteArrayOutputStream out, int level) {
        l.checkStack(4);
        long count = 0;
        double max = 0;
        boolean array = true;
        l.pushNil();
        while (l.next(at) != 0) {
            l.pop(1);
            count++;
            if (l.type(-1) == Lua.LuaType.NUMBER) {
                double k = l.toNumber(-1);
                if (k > 0 && k == Math.floor(k)) {
                    max = Math.max(max, k);
                    continue;
                }
            }
            array = false;
        }
        if (array && max == count) {
            writeHeader(out, count, 0x90, 16, 0xdc, 0xdd);
            for (long i = 1; i <= count; i++) {
                l.rawGetI(at, (int) i);
                encode(l, l.getTop(), out, level + 1);
                l.pop(1);
            }
            return;
        }
        writeHeader(out, count, 0x80, 16, 0xde, 0xdf);
        l.pushNil();
        while (l.next(at) != 0) {
            int value = l.getTop();
            encode(l, value - 1, out, level + 1);
            encode(l, value, out, level + 1);
            l.pop(1);
        }
    }

    private static void writeHeader(ByteArrayOutputStream out, long count, int fix, int fixLimit, int code16, int code32) {
        if (count < fixLimit) {
            out.write(fix | (int) count);
        } else if (count <= 0xffff) {
            out.write(code16);
            writeBig(out, count, 2);
        } else {
            out.write(code32);
            writeBig(out, count, 4);
        }
    }

    private static void writeBig(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }

    // Unpacking

    /**
     * Decodes up to {@code limit} objects (0: all) from {@code offset}; with {@code withOffset}
     * the first result is where the next object starts, or -1 at the end.
     */
    private static int unpack(Lua l, LuaEngine engine, int limit, long offset, boolean withOffset) {
        if (l.type(1) != Lua.LuaType.STRING && l.type(1) != Lua.LuaType.NUMBER) {
            throw new IllegalArgumentException("bad argument #1 to 'unpack' (string expected, got "
                    + (l.type(1) == null ? "no value" : l.type(1).name().toLowerCase(java.util.Locale.ROOT)) + ")");
        }
        byte[] data = LuaEngine.toBytes(l, 1);
        if (offset < 0 || offset > data.length) {
            throw new IllegalArgumentException("bad argument #2 to 'unpack' (Start offset " + offset
                    + " greater than input length " + data.length + ".)");
        }
        l.setTop(0);
        if (withOffset) {
            l.pushNil(); // replaced by the offset
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        in.position((int) offset);
        int decoded = 0;
        while (in.hasRemaining() && (limit == 0 || decoded < limit)) {
            l.checkStack(8);
            decode(l, engine, in, 0);
            decoded++;
        }
        if (withOffset) {
            l.push(in.hasRemaining() ? in.position() : -1);
            l.replace(1);
            return decoded + 1;
        }
        return decoded;
    }

    private static void need(ByteBuffer in, int bytes) {
        if (in.remaining() < bytes) {
            throw new IllegalArgumentException("Missing bytes in input.");
        }
    }

    private static void decode(Lua l, LuaEngine engine, ByteBuffer in, int depth) {
        need(in, 1);
        int b = in.get() & 0xff;
        if (b <= 0x7f) {
            l.push(b);
        } else if (b >= 0xe0) {
            l.push((byte) b);
        } else if ((b & 0xe0) == 0xa0) {
            decodeString(l, engine, in, b & 0x1f);
        } else if ((b & 0xf0) == 0x90) {
            decodeArray(l, engine, in, b & 0x0f, depth);
        } else if ((b & 0xf0) == 0x80) {
            decodeMap(l, engine, in, b & 0x0f, depth);
        } else {
            switch (b) {
                case 0xc0 -> l.pushNil();
                case 0xc2 -> l.push(false);
                case 0xc3 -> l.push(true);
                case 0xca -> {
                    need(in, 4);
                    l.push((double) in.getFloat());
                }
                case 0xcb -> {
                    need(in, 8);
                    l.push(in.getDouble());
                }
                case 0xcc -> l.push(readUnsigned(in, 1));
                case 0xcd -> l.push(readUnsigned(in, 2));
                case 0xce -> l.push(readUnsigned(in, 4));
                case 0xcf -> {
                    need(in, 8);
                    long v = in.getLong();
                    l.push(v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1));
                }
                case 0xd0 -> {
                    need(in, 1);
                    l.push(in.get());
                }
                case 0xd1 -> {
                    need(in, 2);
                    l.push(in.getShort());
                }
                case 0xd2 -> {
                    need(in, 4);
                    l.push(in.getInt());
                }
                case 0xd3 -> {
                    need(in, 8);
                    l.push((double) in.getLong());
                }
                case 0xc4, 0xd9 -> decodeString(l, engine, in, (int) readUnsigned(in, 1));
                case 0xc5, 0xda -> decodeString(l, engine, in, (int) readUnsigned(in, 2));
                case 0xc6, 0xdb -> decodeString(l, engine, in, readLength(in));
                case 0xdc -> decodeArray(l, engine, in, (int) readUnsigned(in, 2), depth);
                case 0xdd -> decodeArray(l, engine, in, readLength(in), depth);
                case 0xde -> decodeMap(l, engine, in, (int) readUnsigned(in, 2), depth);
                case 0xdf -> decodeMap(l, engine, in, readLength(in), depth);
                default -> throw new IllegalArgumentException("Bad data format in input.");
            }
        }
    }

    private static long readUnsigned(ByteBuffer in, int bytes) {
        need(in, bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (in.get() & 0xff);
        }
        return v;
    }

    /** A 32-bit length, bounded by what is left of the input (each element takes a byte at least). */
    private static int readLength(ByteBuffer in) {
        long length = readUnsigned(in, 4);
        if (length > in.remaining()) {
            throw new IllegalArgumentException("Missing bytes in input.");
        }
        return (int) length;
    }

    private static void decodeString(Lua l, LuaEngine engine, ByteBuffer in, int length) {
        need(in, length);
        byte[] bytes = new byte[length];
        in.get(bytes);
        engine.pushBytes(l, bytes);
    }

    private static void decodeArray(Lua l, LuaEngine engine, ByteBuffer in, int count, int depth) {
        checkDepth(depth);
        l.createTable(Math.min(count, in.remaining()), 0);
        for (int i = 1; i <= count; i++) {
            l.checkStack(4);
            decode(l, engine, in, depth + 1);
            l.rawSetI(-2, i);
        }
    }

    private static void decodeMap(Lua l, LuaEngine engine, ByteBuffer in, int count, int depth) {
        checkDepth(depth);
        l.createTable(0, Math.min(count, in.remaining()));
        for (int i = 0; i < count; i++) {
            l.checkStack(4);
            decode(l, engine, in, depth + 1);
            decode(l, engine, in, depth + 1);
            if (l.isNil(-2)) {
                l.pop(2); // a nil key cannot be stored
            } else {
                l.rawSet(-3);
            }
        }
    }

    /** Deep nesting is bounded so a crafted payload cannot overflow the Java stack. */
    private static void checkDepth(int depth) {
        if (depth > 1000) {
            throw new IllegalArgumentException("Bad data format in input.");
        }
    }
}
