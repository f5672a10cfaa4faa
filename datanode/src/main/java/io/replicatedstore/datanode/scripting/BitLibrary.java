package io.replicatedstore.datanode.scripting;

import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;

/**
 * The {@code bit} library Redis's Lua has (LuaBitOp 1.0.2): 32-bit operations on Lua numbers,
 * results as signed 32-bit integers. Written in Java behind Lua functions: its number
 * normalisation (adding 2^52 + 2^51 and keeping the low 32 bits of the double) is one line
 * here and awkward in Lua 5.1's doubles.
 */
final class BitLibrary {

    private BitLibrary() {
    }

    /** Pushes the library's table. */
    static void push(Lua lua) {
        lua.createTable(0, 12);
        set(lua, "tobit", l -> result(l, arg(l, 1)));
        set(lua, "bnot", l -> result(l, ~arg(l, 1)));
        set(lua, "band", l -> fold(l, (a, b) -> a & b));
        set(lua, "bor", l -> fold(l, (a, b) -> a | b));
        set(lua, "bxor", l -> fold(l, (a, b) -> a ^ b));
        set(lua, "lshift", l -> result(l, arg(l, 1) << (arg(l, 2) & 31)));
        set(lua, "rshift", l -> result(l, arg(l, 1) >>> (arg(l, 2) & 31)));
        set(lua, "arshift", l -> result(l, arg(l, 1) >> (arg(l, 2) & 31)));
        set(lua, "rol", l -> result(l, Integer.rotateLeft(arg(l, 1), arg(l, 2) & 31)));
        set(lua, "ror", l -> result(l, Integer.rotateRight(arg(l, 1), arg(l, 2) & 31)));
        set(lua, "bswap", l -> result(l, Integer.reverseBytes(arg(l, 1))));
        set(lua, "tohex", BitLibrary::tohex);
    }

    /** A bad argument raises a Lua error with LuaBitOp's text (a JFunction raises by returning -1). */
    private static void set(Lua lua, String name, JFunction function) {
        lua.push((JFunction) l -> {
            try {
                return function.__call(l);
            } catch (IllegalArgumentException e) {
                l.setTop(0);
                l.push(e.getMessage().replace("#", "#").replace("(number", "to '" + name + "' (number"));
                return -1;
            }
        });
        lua.setField(-2, name);
    }

    private interface Op {
        int apply(int a, int b);
    }

    private static int fold(Lua l, Op op) {
        int value = arg(l, 1);
        for (int i = 2; i <= l.getTop(); i++) {
            value = op.apply(value, arg(l, i));
        }
        return result(l, value);
    }

    /** LuaBitOp's barg: a number (or numeric string) to its low 32 bits, as the 2^52+2^51 trick gives. */
    static int arg(Lua l, int index) {
        if (l.type(index) != Lua.LuaType.NUMBER && !(l.type(index) == Lua.LuaType.STRING && l.isNumber(index))) {
            throw new IllegalArgumentException("bad argument #" + index + " (number expected, got "
                    + typeName(l, index) + ")");
        }
        return toBit(l.toNumber(index));
    }

    static int toBit(double value) {
        return (int) Double.doubleToRawLongBits(value + 6755399441055744.0);
    }

    private static String typeName(Lua l, int index) {
        Lua.LuaType type = l.type(index);
        return type == null || type == Lua.LuaType.NONE ? "no value" : type.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int result(Lua l, int value) {
        l.push(value);
        return 1;
    }

    private static int tohex(Lua l) {
        int value = arg(l, 1);
        int digits = l.getTop() >= 2 && !l.isNil(2) ? arg(l, 2) : 8;
        String hex = "0123456789abcdef";
        if (digits < 0) {
            digits = -digits;
            hex = "0123456789ABCDEF";
        }
        if (digits > 8) {
            digits = 8;
        }
        char[] out = new char[digits];
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = hex.charAt(value & 15);
            value >>>= 4;
        }
        l.push(new String(out));
        return 1;
    }
}
