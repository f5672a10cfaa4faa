package io.replicatedstore.datanode.scripting;

import io.replicatedstore.datanode.resp.RespWriter;
import party.iroiro.luajava.Lua;

import java.nio.charset.StandardCharsets;

/**
 * Redis 7.0's conversions between replies and Lua values, both ways, as its documentation
 * states them (redisProtocolToLuaType and luaReplyToRedisReply).
 */
public final class LuaConversions {

    private LuaConversions() {
    }

    // Reply -> Lua (what redis.call returns to the script)

    /**
     * Pushes a command's reply as the script sees it: integer -> number, bulk -> string, nil
     * bulk/array -> false (RESP2), status -> {ok=}, error -> {err=}, array -> table; RESP3: null
     * -> nil, map -> {map={...}}, set -> {set={x=true}}, double -> {double=}, boolean -> boolean,
     * big number -> {big_number=}, verbatim -> {verbatim_string={format=, string=}}.
     */
    public static void push(LuaEngine engine, Lua l, Reply reply) {
        if (reply instanceof Reply.Int i) {
            l.push((double) i.value());
        } else if (reply instanceof Reply.Bulk b) {
            if (b.value() == null) {
                l.push(false);
            } else {
                engine.pushBytes(l, b.value());
            }
        } else if (reply instanceof Reply.Status s) {
            singleFieldTable(engine, l, "ok", s.text());
        } else if (reply instanceof Reply.Error e) {
            singleFieldTable(engine, l, "err", e.text());
        } else if (reply instanceof Reply.Array a) {
            pushArray(engine, l, a);
        } else if (reply instanceof Reply.Map m) {
            l.createTable(0, 1);
            l.createTable(0, m.keysAndValues().size() / 2);
            for (int i = 0; i < m.keysAndValues().size(); i += 2) {
                push(engine, l, m.keysAndValues().get(i));
                push(engine, l, m.keysAndValues().get(i + 1));
                l.rawSet(-3);
            }
            l.setField(-2, "map");
        } else if (reply instanceof Reply.Double d) {
            l.createTable(0, 1);
            l.push(d.value());
            l.setField(-2, "double");
        } else if (reply instanceof Reply.Bool b) {
            l.push(b.value());
        } else if (reply instanceof Reply.BigNumber b) {
            singleFieldTable(engine, l, "big_number", b.digits());
        } else if (reply instanceof Reply.Verbatim v) {
            l.createTable(0, 1);
            l.createTable(0, 2);
            l.push(v.format());
            l.setField(-2, "format");
            engine.pushBytes(l, v.text());
            l.setField(-2, "string");
            l.setField(-2, "verbatim_string");
        } else {
            l.pushNil(); // RESP3 null
        }
    }

    private static void pushArray(LuaEngine engine, Lua l, Reply.Array a) {
        if (a.elements() == null) {
            l.push(false);
            return;
        }
        if (a.kind() == Reply.Array.Kind.SET) {
            l.createTable(0, 1);
            l.createTable(0, a.elements().size());
            for (Reply element : a.elements()) {
                push(engine, l, element);
                l.push(true);
                l.rawSet(-3);
            }
            l.setField(-2, "set");
            return;
        }
        l.createTable(a.elements().size(), 0);
        int index = 1;
        for (Reply element : a.elements()) {
            push(engine, l, element);
            l.rawSetI(-2, index++);
        }
    }

    private static void singleFieldTable(LuaEngine engine, Lua l, String field, String text) {
        l.createTable(0, 1);
        engine.pushBytes(l, text.getBytes(StandardCharsets.UTF_8));
        l.setField(-2, field);
    }

    // Lua -> reply (what a script returns to its caller)

    /**
     * Writes the Lua value at {@code index} as a reply in the writer's protocol: number ->
     * integer (truncated), string -> bulk, true -> 1 and false -> null when the script speaks
     * RESP2 (its default, whatever the caller's protocol), #t/#f after redis.setresp(3), nil -> null, a table with err/ok/double/big_number/map/set/verbatim_string -> that type, any
     * other table -> an array up to its first nil.
     */
    public static void write(Lua l, int index, RespWriter out, int scriptResp) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            out.error("ERR reached lua stack limit");
            return;
        }
        depth[0]++;
        try {
            writeValue(l, index, out, scriptResp);
        } finally {
            depth[0]--;
        }
    }

    /** Nesting deeper than this (a table that contains itself) ends the reply with an error, as Redis's stack check does. */
    static final int MAX_DEPTH = 1000;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private static void writeValue(Lua l, int index, RespWriter out, int scriptResp) {
        int at = index < 0 ? l.getTop() + index + 1 : index;
        switch (l.type(at)) {
            case STRING -> out.bulk(LuaEngine.toBytes(l, at));
            case NUMBER -> out.integer(toLong(l.toNumber(at)));
            case BOOLEAN -> {
                boolean value = l.toBoolean(at);
                if (scriptResp == 3) {
                    out.bool(value);
                } else if (value) {
                    out.integer(1);
                } else {
                    out.nullBulk();
                }
            }
            case TABLE -> writeTable(l, at, out, scriptResp);
            default -> out.nullBulk();
        }
    }

    /** C's (long long) cast of a double, as Redis converts Lua numbers (fractions dropped). */
    static long toLong(double value) {
        return (long) value;
    }

    private static void writeTable(Lua l, int at, RespWriter out, int scriptResp) {
        if (stringField(l, at, "err") instanceof byte[] err) {
            out.error(new String(err, StandardCharsets.UTF_8));
            return;
        }
        if (stringField(l, at, "ok") instanceof byte[] ok) {
            out.simple(new String(ok, StandardCharsets.UTF_8));
            return;
        }
        rawField(l, at, "double");
        if (l.type(-1) == Lua.LuaType.NUMBER) {
            double value = l.toNumber(-1);
            l.pop(1);
            out.doubleValue(value);
            return;
        }
        l.pop(1);
        if (stringField(l, at, "big_number") instanceof byte[] big) {
            writeBigNumber(out, big);
            return;
        }
        if (tableField(l, at, "map")) {
            writeMap(l, out, scriptResp);
            return;
        }
        if (tableField(l, at, "set")) {
            writeSet(l, out, scriptResp);
            return;
        }
        if (tableField(l, at, "verbatim_string")) {
            writeVerbatim(l, out);
            return;
        }
        writeArray(l, at, out, scriptResp);
    }

    private static void writeArray(Lua l, int at, RespWriter out, int scriptResp) {
        int length = 0;
        while (true) {
            l.rawGetI(at, length + 1);
            boolean nil = l.isNil(-1);
            l.pop(1);
            if (nil) {
                break;
            }
            length++;
        }
        out.array(length);
        for (int i = 1; i <= length; i++) {
            l.rawGetI(at, i);
            write(l, -1, out, scriptResp);
            l.pop(1);
        }
    }

    /** The table pushed by tableField is on top; pops it. Keys and values converted as above. */
    private static void writeMap(Lua l, RespWriter out, int scriptResp) {
        int table = l.getTop();
        int pairs = countPairs(l, table);
        out.map(pairs);
        l.pushNil();
        while (l.next(table) != 0) {
            write(l, -2, out, scriptResp);
            write(l, -1, out, scriptResp);
            l.pop(1);
        }
        l.pop(1);
    }

    private static void writeSet(Lua l, RespWriter out, int scriptResp) {
        int table = l.getTop();
        out.set(countPairs(l, table));
        l.pushNil();
        while (l.next(table) != 0) {
            write(l, -2, out, scriptResp);
            l.pop(1);
        }
        l.pop(1);
    }

    private static void writeVerbatim(Lua l, RespWriter out) {
        int table = l.getTop();
        Object text = stringField(l, table, "string");
        Object format = stringField(l, table, "format");
        l.pop(1);
        if (text instanceof byte[] bytes && format instanceof byte[] formatBytes && formatBytes.length == 3) {
            if (out.isResp3()) {
                byte[] header = ("=" + (bytes.length + 4) + "\r\n" + new String(formatBytes, StandardCharsets.US_ASCII) + ":")
                        .getBytes(StandardCharsets.US_ASCII);
                out.raw(header).raw(bytes).raw(new byte[] {'\r', '\n'});
            } else {
                out.bulk(bytes);
            }
        } else {
            out.nullBulk();
        }
    }

    private static void writeBigNumber(RespWriter out, byte[] digits) {
        if (out.isResp3()) {
            out.raw(new byte[] {'('}).raw(digits).raw(new byte[] {'\r', '\n'});
        } else {
            out.bulk(digits);
        }
    }

    private static int countPairs(Lua l, int table) {
        int count = 0;
        l.pushNil();
        while (l.next(table) != 0) {
            count++;
            l.pop(1);
        }
        return count;
    }

    /**
     * Pushes t[field] without metamethods (as Redis reads reply tables with rawget): a
     * metamethod raising an error outside a protected call would abort the process.
     */
    static void rawField(Lua l, int at, String field) {
        l.push(field);
        l.rawGet(at);
    }

    /** The field's bytes if it is a string, else null; leaves the stack as it was. */
    private static Object stringField(Lua l, int at, String field) {
        rawField(l, at, field);
        Object value = l.type(-1) == Lua.LuaType.STRING ? LuaEngine.toBytes(l, -1) : null;
        l.pop(1);
        return value;
    }

    /** Pushes the field and returns true if it is a table; else leaves the stack as it was. */
    private static boolean tableField(Lua l, int at, String field) {
        rawField(l, at, field);
        if (l.type(-1) == Lua.LuaType.TABLE) {
            return true;
        }
        l.pop(1);
        return false;
    }
}
