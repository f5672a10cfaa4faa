package io.replicatedstore.datanode.scripting;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import party.iroiro.luajava.Lua;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox: what a script cannot reach or change, and the errors it gets, as Redis 7.0's. */
class SandboxTest {

    private static LuaEngine engine;

    @BeforeAll
    static void startLua() {
        engine = new LuaEngine(new LuaConversionsTest.NoServer());
    }

    @AfterAll
    static void closeLua() {
        engine.close();
    }

    /** The error message a script ends with, or null if it ran. */
    private static String errorOf(String script) {
        int ref = engine.compile(script.getBytes(StandardCharsets.UTF_8), "@user_script");
        Lua l = engine.lua();
        try {
            if (engine.run(ref)) {
                return null;
            }
            l.getField(-1, "err");
            String message = l.toString(-1);
            l.pop(1);
            return message;
        } finally {
            l.pop(2);
            engine.release(ref);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"os", "io", "debug", "package", "require", "dofile", "loadfile", "module", "print",
            "setfenv", "getfenv", "newproxy", "java"})
    void forbiddenGlobalsAreAbsent(String name) {
        assertThat(errorOf("return " + name)).isEqualTo(
                "ERR user_script:1: Script attempted to access nonexistent global variable '" + name + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x = 1", "redis = nil", "string.rep = nil", "redis.call = nil", "_G.x = 1", "math.pi = 3",
            "table.insert = 1"})
    void globalsAndLibraryTablesAreReadOnly(String script) {
        assertThat(errorOf(script)).isEqualTo("ERR user_script:1: Attempt to modify a readonly table");
    }

    @Test
    void rawsetAndSetmetatableCannotGetAroundTheProtection() {
        assertThat(errorOf("rawset(_G, 'x', 1)")).isEqualTo("ERR Attempt to modify a readonly table");
        assertThat(errorOf("setmetatable(_G, nil)")).isEqualTo("ERR Attempt to modify a readonly table");
        assertThat(errorOf("return getmetatable(_G).__index")).isNotNull();
    }

    @Test
    void chunksLoadedByTheScriptGetTheProtectedEnvironmentAndNoBytecode() {
        assertThat(errorOf("loadstring('y = 1')()")).contains("Attempt to modify a readonly table");
        assertThat(errorOf("assert(loadstring(string.dump(function() end)) == nil)")).isNull();
        assertThat(errorOf("local parts = {'return 1'} local f = load(function() return table.remove(parts) end) assert(f() == 1)"))
                .isNull();
    }

    @Test
    void localsTablesAndLibrariesStillWork() {
        assertThat(errorOf("local t = {} t.x = 1 setmetatable(t, {}) rawset(t, 'y', 2) "
                + "assert(string.format('%d', 3.7) == '3' and tostring(10/3) == '3.3333333333333' and #unpack({{1}}) == 1)")).isNull();
    }

    @Test
    void aRunawayLoopInACoroutineIsStillChecked() {
        int[] checks = {0};
        LuaEngine counting = new LuaEngine(new LuaConversionsTest.NoServer() {
            @Override
            public int check(Lua l) {
                l.push(++checks[0] >= 3); // true: stop the script
                return 1;
            }
        });
        try {
            int ref = counting.compile("coroutine.wrap(function() while true do end end)()".getBytes(StandardCharsets.UTF_8),
                    "@user_script");
            assertThat(counting.run(ref)).isFalse();
            assertThat(checks[0]).isEqualTo(3);
        } finally {
            counting.close();
        }
    }
}
