package io.replicatedstore.datanode.scripting;

import io.replicatedstore.datanode.error.RedisException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptFlagsTest {

    private static ScriptFlags parse(String script) {
        return ScriptFlags.parse(script.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aScriptWithoutShebangHasNoFlagsAndKeepsItsBody() {
        ScriptFlags flags = parse("return 1");
        assertThat(flags.hasShebang()).isFalse();
        assertThat(flags.flags()).isEmpty();
        assertThat(new String(flags.body(), StandardCharsets.UTF_8)).isEqualTo("return 1");
    }

    @Test
    void theShebangsFlagsAreReadAndItsLineIsBlankedSoLineNumbersStay() {
        ScriptFlags flags = parse("#!lua flags=no-writes,allow-oom\nreturn 1");
        assertThat(flags.flags()).containsExactlyInAnyOrder(ScriptFlags.Flag.NO_WRITES, ScriptFlags.Flag.ALLOW_OOM);
        String body = new String(flags.body(), StandardCharsets.UTF_8);
        assertThat(body).endsWith("\nreturn 1").startsWith(" ");
        assertThat(parse("#!lua\nreturn 1").flags()).isEmpty();
        assertThat(parse("#!lua flags=\nreturn 1").flags()).isEmpty();
    }

    @Test
    void anUnknownEngineOrFlagIsRedisError() {
        assertThatThrownBy(() -> parse("#!luax\nreturn 1")).isInstanceOf(RedisException.class)
                .hasMessage("ERR Unexpected engine in script shebang: #!luax");
        assertThatThrownBy(() -> parse("#!lua flags=bogus\nreturn 1")).isInstanceOf(RedisException.class)
                .hasMessage("ERR Unexpected flag in script shebang: bogus");
    }
}
