package io.replicatedstore.datanode.scripting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.replicatedstore.datanode.resp.RespWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import party.iroiro.luajava.Lua;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversions both ways, through a real Lua 5.1 state: a reply handed to the script by
 * redis.call (here a canned one) and what the script returns, written in RESP2 or RESP3.
 */
class LuaConversionsTest {

    private static Reply canned;
    private static LuaEngine engine;

    @BeforeAll
    static void startLua() {
        engine = new LuaEngine(new NoServer() {
            @Override
            public int call(Lua l, boolean raise) {
                l.setTop(0);
                LuaConversions.push(engine, l, canned);
                return 1;
            }
        });
    }

    @AfterAll
    static void closeLua() {
        engine.close();
    }

    /** Runs a script and returns its reply as RESP text, written for a client of {@code clientResp}. */
    static String run(String script, int clientResp, int scriptResp) {
        int ref = engine.compile(script.getBytes(StandardCharsets.UTF_8), "@user_script");
        RespWriter out = new RespWriter(UnpooledByteBufAllocator.DEFAULT);
        out.protocol(clientResp);
        try {
            assertThat(engine.run(ref)).as("script ran without error").isTrue();
            LuaConversions.write(engine.lua(), -1, out, scriptResp);
        } finally {
            engine.lua().pop(2);
            engine.release(ref);
        }
        ByteBuf buf = out.take();
        try {
            return buf.toString(StandardCharsets.ISO_8859_1);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{0} -> {1} (RESP2) / {2} (RESP3 client)")
    @CsvSource(delimiter = '|', value = {
            "return 3.99                      | :3\\r\\n                  | :3\\r\\n",
            "return -3.99                     | :-3\\r\\n                 | :-3\\r\\n",
            "return 'x'                       | $1\\r\\nx\\r\\n             | $1\\r\\nx\\r\\n",
            "return true                      | :1\\r\\n                  | :1\\r\\n",
            "return false                     | $-1\\r\\n                 | _\\r\\n",
            "return nil                       | $-1\\r\\n                 | _\\r\\n",
            "return {1, 'a', nil, 2}          | *2\\r\\n:1\\r\\n$1\\r\\na\\r\\n | *2\\r\\n:1\\r\\n$1\\r\\na\\r\\n",
            "return {ok='FINE'}               | +FINE\\r\\n               | +FINE\\r\\n",
            "return {err='MY bad'}            | -MY bad\\r\\n             | -MY bad\\r\\n",
            "return {double=1.5}              | $3\\r\\n1.5\\r\\n           | ,1.5\\r\\n",
            "return {big_number='123'}        | $3\\r\\n123\\r\\n           | (123\\r\\n",
            "return {map={a=1}}               | *2\\r\\n$1\\r\\na\\r\\n:1\\r\\n  | %1\\r\\n$1\\r\\na\\r\\n:1\\r\\n",
            "return {set={a=true}}            | *1\\r\\n$1\\r\\na\\r\\n       | ~1\\r\\n$1\\r\\na\\r\\n",
    })
    void aScriptsReturnValueBecomesTheReplyRedisWouldSend(String script, String resp2, String resp3) {
        assertThat(run(script, 2, 2)).isEqualTo(unescape(resp2));
        assertThat(run(script, 3, 2)).isEqualTo(unescape(resp3));
    }

    @Test
    void aTableThatContainsItselfEndsWithAnErrorInsteadOfOverflowing() {
        String reply = run("local a = {} local b = {a} a[1] = b return a", 2, 2);
        assertThat(reply).startsWith("*1\r\n*1\r\n").endsWith("-ERR reached lua stack limit\r\n");
    }

    @Test
    void metatablesOfTheReturnedTableAreNotConsulted() {
        assertThat(run("return setmetatable({}, {__index = function() error('no') end})", 2, 2)).isEqualTo("*0\r\n");
        assertThat(run("return setmetatable({}, {__index = function() return 'x' end})", 2, 2)).isEqualTo("*0\r\n");
        assertThat(run("return _G", 2, 2)).isEqualTo("*0\r\n");
    }

    @Test
    void booleansFollowTheScriptsProtocolNotTheClients() {
        assertThat(run("return true", 3, 3)).isEqualTo("#t\r\n");
        assertThat(run("return false", 3, 3)).isEqualTo("#f\r\n");
        assertThat(run("return false", 2, 3)).isEqualTo(":0\r\n");
    }

    @Test
    void repliesReachTheScriptAsRedisDocumentsThemForResp2() {
        assertThat(seenAs(new Reply.Int(42))).isEqualTo("number 42");
        assertThat(seenAs(new Reply.Bulk("v".getBytes(StandardCharsets.UTF_8)))).isEqualTo("string v");
        assertThat(seenAs(new Reply.Bulk(null))).isEqualTo("boolean false");
        assertThat(seenAs(new Reply.Array(null, Reply.Array.Kind.ARRAY))).isEqualTo("boolean false");
        assertThat(seenAs(new Reply.Status("OK"))).isEqualTo("table ok=OK");
        assertThat(seenAs(new Reply.Error("ERR x"))).isEqualTo("table err=ERR x");
        assertThat(seenAs(new Reply.Array(List.of(new Reply.Int(1), new Reply.Bulk(new byte[] {'b'})), Reply.Array.Kind.ARRAY)))
                .isEqualTo("table 1,b");
    }

    @Test
    void resp3RepliesReachTheScriptAsTaggedTables() {
        assertThat(seenAs(new Reply.Null())).isEqualTo("nil nil");
        assertThat(seenAs(new Reply.Bool(true))).isEqualTo("boolean true");
        assertThat(seenAs(new Reply.Double(2.5))).isEqualTo("table double=2.5");
        assertThat(seenAs(new Reply.BigNumber("99999999999999999999"))).isEqualTo("table big_number=99999999999999999999");
        assertThat(seenAs(new Reply.Map(List.of(new Reply.Bulk(new byte[] {'k'}), new Reply.Int(7))))).isEqualTo("table map.k=7");
        assertThat(seenAs(new Reply.Array(List.of(new Reply.Bulk(new byte[] {'m'})), Reply.Array.Kind.SET))).isEqualTo("table set.m=true");
        assertThat(seenAs(new Reply.Verbatim("txt", new byte[] {'h', 'i'}))).isEqualTo("table verbatim=txt:hi");
    }

    @Test
    void bytesThatAreNotAsciiReachTheScriptAndComeBackUnchanged() {
        byte[] binary = {0, 1, (byte) 0x80, (byte) 0xff, 'a', 0};
        canned = new Reply.Bulk(binary);
        String reply = run("local v = redis.call() assert(#v == 6 and v:byte(4) == 255) return v", 2, 2);
        assertThat(reply.getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(
                concat("$6\r\n".getBytes(StandardCharsets.ISO_8859_1), binary, "\r\n".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void numberArgumentsOfRedisCallAreFormattedAsRedis70Does() {
        assertThat(new String(Scripting.formatNumber(10), StandardCharsets.US_ASCII)).isEqualTo("10");
        assertThat(new String(Scripting.formatNumber(-2), StandardCharsets.US_ASCII)).isEqualTo("-2");
        assertThat(new String(Scripting.formatNumber(3.3), StandardCharsets.US_ASCII)).isEqualTo("3.2999999999999998");
        assertThat(new String(Scripting.formatNumber(0.1), StandardCharsets.US_ASCII)).isEqualTo("0.10000000000000001");
        assertThat(new String(Scripting.formatNumber(1e20), StandardCharsets.US_ASCII)).isEqualTo("1e+20");
        assertThat(new String(Scripting.formatNumber(-0.0), StandardCharsets.US_ASCII)).isEqualTo("-0");
    }

    /** What the script sees of a reply: its Lua type and a short rendering. */
    private static String seenAs(Reply reply) {
        canned = reply;
        String script = """
                local v = redis.call()
                local t = type(v)
                if t ~= 'table' then return t .. ' ' .. tostring(v) end
                if v.ok then return 'table ok=' .. v.ok end
                if v.err then return 'table err=' .. v.err end
                if v.double then return 'table double=' .. v.double end
                if v.big_number then return 'table big_number=' .. v.big_number end
                if v.map then for k, x in pairs(v.map) do return 'table map.' .. k .. '=' .. tostring(x) end end
                if v.set then for k, x in pairs(v.set) do return 'table set.' .. k .. '=' .. tostring(x) end end
                if v.verbatim_string then return 'table verbatim=' .. v.verbatim_string.format .. ':' .. v.verbatim_string.string end
                return 'table ' .. table.concat(v, ',')
                """;
        String resp = run(script, 2, 2);
        return resp.substring(resp.indexOf('\n') + 1, resp.length() - 2);
    }

    private static String unescape(String text) {
        return text.strip().replace("\\r\\n", "\r\n");
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Callbacks for tests that run Lua without a server. */
    static class NoServer implements LuaEngine.Callbacks {
        @Override
        public int call(Lua l, boolean raise) {
            return 0;
        }

        @Override
        public int log(Lua l) {
            return 0;
        }

        @Override
        public int setResp(Lua l) {
            return 0;
        }

        @Override
        public int setRepl(Lua l) {
            return 0;
        }

        @Override
        public int check(Lua l) {
            return 0;
        }
    }
}
