package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libraries Redis's Lua bundles (cjson, bit, cmsgpack) give redis-server 7.0.15's results:
 * encodings byte for byte, decodings, settings and error texts. One difference is allowed: an
 * error raised inside one of them lacks the "user_script:1: " position (see docs/scripting.md).
 */
class LuaLibrariesDifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    private static final List<String> CJSON = List.of(
            "return cjson.encode({1,2,3,nil,5})",
            "return cjson.encode({[1]=1,[20]=2})",
            "return cjson.encode({})",
            "return cjson.encode({a='x/y\"\\\\', b=1.5, c=1e20, d=0.1, e=-0.0, f=123456789012345})",
            "return cjson.encode(function() end)",
            "return cjson.encode({[true]=1})",
            "return cjson.decode('[1,2')",
            "return cjson.decode('{\"a\":}')",
            "return cjson.decode('nul')",
            "return cjson.decode('[\"\\\\u00e9\\\\n\"]')[1]",
            "return cjson.encode('\\1\\127\\128')",
            "return cjson.encode(cjson.decode('[null, 1]'))",
            "return type(cjson.null)",
            "return cjson.encode({1/0})",
            "return cjson.decode('1 2')",
            "return cjson.decode('')",
            "return cjson.encode({[1.5]=1})",
            "return cjson._VERSION",
            "return cjson.encode({[2]=1})",
            "return cjson.encode({[3]=1})",
            "return table.concat(cjson.decode('[0.0, -5e3, -1, 0.3e-3, 1023.2, 0e10]'), ' ')",
            "return cjson.encode({name='x', list={1,2,{a={b={}}}}, n=-12.5e-7, t=true})",
            "return cjson.decode('{\"a\" 1}')",
            "return cjson.decode('[1,]')",
            "return cjson.decode('{1:2}')",
            "return cjson.encode(cjson.decode('{\"k\":[true,false,null,\"s\",1.25]}'))",
            "cjson.x = 1",
            "return cjson.decode(cjson.encode({a={1,2,3}})).a[3]",
            "return cjson.encode({['a b']={x=1}, z='\\0'})",
            "return cjson.decode('\"\\\\ud83d\\\\ude00\"')",
            "return cjson.encode(0.1+0.2)",
            "local t = {} for i = 1, 40 do t['k' .. i] = i end return cjson.encode(t)");

    private static final List<String> BIT = List.of(
            "return {bit.tobit(1), bit.tobit(2^32+5), bit.tobit(-1), bit.tobit(2^31), bit.tobit(1.5), bit.tobit(-2.5)}",
            "return {bit.band(0xff, 0x0f, 7), bit.bor(1,2,4), bit.bxor(5,3), bit.bnot(0)}",
            "return {bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-256, 4), bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.bswap(0x12345678)}",
            "return {bit.tohex(255), bit.tohex(-1, -4), bit.tohex(0x1234, 2), bit.tohex(1, 20)}",
            "return bit.band('12', 4)",
            "return bit.band()",
            "bit.x = 1",
            "return bit.tobit(1e20)",
            "return {bit.lshift(3, 33), bit.rshift(0x80000000, 31), bit.tobit(-2^31 - 1)}");

    private static final List<String> CMSGPACK = List.of(
            "return cmsgpack.pack()",
            "return {cmsgpack.unpack_one(cmsgpack.pack(1,2))}",
            "return {cmsgpack.unpack_one(cmsgpack.pack(1,2), 1)}",
            "return {cmsgpack.unpack_limit(cmsgpack.pack(1,2,3), 2)}",
            "return {cmsgpack.unpack(cmsgpack.pack(1,'a',{1,2},{a=1}))}",
            "return cmsgpack.unpack('')",
            "return cmsgpack.unpack(string.char(0xcd, 1))",
            "return cmsgpack.unpack(string.char(0xc1))",
            "return cmsgpack.pack(0.1, 1.5, -1, -33, 2^40, -2^40, 2^63, {}, {1,nil,3}, true, nil, 'abc')",
            "return {cmsgpack.unpack_one('')}",
            "return cmsgpack.pack(string.rep('x',40))",
            "return cmsgpack._VERSION",
            "return cmsgpack.pack({a={b={c={1,2,3}}}, 200, 70000, 5000000000, -200, -70000, -5000000000, 1/0, string.rep('y', 300)})",
            "local t = cmsgpack.unpack(cmsgpack.pack({1,2,{x='y'}, 0.25, -7})) return {t[1], t[3].x, tostring(t[4]), t[5]}",
            "local a = {} a[1] = a return cmsgpack.pack(a)",
            "return cmsgpack.unpack(cmsgpack.pack(-2^63))",
            "return tostring(cmsgpack.unpack(cmsgpack.pack(2^64-1)))",
            "return #cmsgpack.pack(string.rep('z', 70000))",
            "return cmsgpack.unpack(5)",
            "local t = {} for i = 1, 20 do t['k' .. i] = {i, tostring(i)} end return cmsgpack.pack(t)",
            "cmsgpack.x = 1");

    @Test
    void cjsonGivesRedisResults() {
        compare(CJSON);
    }

    @Test
    void bitGivesRedisResults() {
        compare(BIT);
    }

    @Test
    void cmsgpackGivesRedisResults() {
        compare(CMSGPACK);
    }

    private static void compare(List<String> scripts) {
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (String script : scripts) {
                Object expected = normalise(theirs.call("EVAL", script, "0"));
                assertThat(normalise(mine.call("EVAL", script, "0"))).as(script).isEqualTo(expected);
                if (expected instanceof String) {
                    // Encodings are binary: compare the bytes too.
                    assertThat(mine.callBytes("EVAL", script, "0")).as(script)
                            .isEqualTo(theirs.callBytes("EVAL", script, "0"));
                }
            }
        }
    }

    /** Errors without the position a library error has in Redis. */
    private static Object normalise(Object reply) {
        if (reply instanceof RespClient.Error error) {
            return new RespClient.Error(error.message().replaceFirst("^ERR user_script:1: ", "ERR "));
        }
        return reply;
    }
}
