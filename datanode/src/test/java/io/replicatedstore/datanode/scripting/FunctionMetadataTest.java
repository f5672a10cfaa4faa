package io.replicatedstore.datanode.scripting;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionMetadataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "#!lua name=mylib|lua|mylib",
            "#!LUA NAME=x1|LUA|x1",
            "#!lua name=\"quoted\"|lua|quoted",
            "#!lua   name=spaced  |lua|spaced",
            "#!lua name='single'|lua|single"})
    void aShebangGivesTheEngineAndTheLibraryName(String shebang, String engine, String name) throws Exception {
        Functions.Metadata md = Functions.Metadata.parse((shebang + "\nbody").getBytes(StandardCharsets.UTF_8));
        assertThat(md.engine()).isEqualTo(engine);
        assertThat(md.name()).isEqualTo(name);
        assertThat(new String(md.body(), StandardCharsets.UTF_8)).isEqualTo("\nbody");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no shebang\\n|Missing library metadata",
            "#!lua name=x|Invalid library metadata",
            "#!lua name=\"open\\n|Invalid library metadata",
            "#!lua name=\"a\"b\\n|Invalid library metadata",
            "#!lua\\n|Library name was not given",
            "#!lua foo=bar\\n|Invalid metadata value given: foo=bar",
            "#!lua name=a name=b\\n|Invalid metadata value, name argument was given multiple times"})
    void aBadShebangGetsRedisError(String code, String error) {
        assertThatThrownBy(() -> Functions.Metadata.parse(code.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Functions.LoadError.class).hasMessage(error);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lib,true", "my_lib_2,true", "'',false", "a-b,false", "a b,false", "é,false"})
    void libraryNamesAreLettersDigitsAndUnderscores(String name, boolean valid) {
        assertThat(Functions.validName(name)).isEqualTo(valid);
    }
}
