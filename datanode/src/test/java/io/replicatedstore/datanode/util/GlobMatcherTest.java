package io.replicatedstore.datanode.util;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class GlobMatcherTest {

    private static boolean matches(String pattern, String string, boolean nocase) {
        return GlobMatcher.matches(pattern.getBytes(StandardCharsets.ISO_8859_1),
                string.getBytes(StandardCharsets.ISO_8859_1), nocase);
    }

    /** pattern, string, matches, matches with nocase: answers checked against redis-server 7.0.15. */
    @ParameterizedTest(name = "''{0}'' against ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", textBlock = """
            *          | abc    | true  | true
            *          | ""     | false | false
            ""         | ""     | true  | true
            ""         | a      | false | false
            **         | ""     | false | false
            a*         | a      | true  | true
            *a         | ba     | true  | true
            *a         | ab     | false | false
            a*b*c      | aXbYc  | true  | true
            a*b*c      | aXbY   | false | false
            ?          | b      | true  | true
            ?          | bb     | false | false
            h?llo      | hallo  | true  | true
            [abc       | b      | true  | true
            [abc       | bx     | false | false
            [a-]       | ]      | true  | true
            a[a-]]     | a]     | true  | true
            [a-]b]     | b      | true  | true
            [z-a]      | m      | true  | true
            [^a-c]     | d      | true  | true
            [^a-c]     | b      | false | false
            [^]        | b      | true  | true
            []         | b      | false | false
            [\\]       | \\     | false | false
            \\         | \\     | true  | true
            a\\        | a\\    | true  | true
            \\*        | *      | true  | true
            \\*        | a      | false | false
            [\\]]      | ]      | true  | true
            [*]        | *      | true  | true
            ABC        | abc    | false | true
            [A-Z]      | q      | false | true
            [\\A]      | a      | false | false
            [@-Z]      | [      | false | true
            [a-c]x     | Bx     | false | true
            """)
    void matchesAsRedisDoes(String pattern, String string, boolean expected, boolean expectedNocase) {
        pattern = pattern.replace("\\\\", "\\");
        string = string.replace("\\\\", "\\");
        assertThat(matches(pattern, string, false)).isEqualTo(expected);
        assertThat(matches(pattern, string, true)).isEqualTo(expectedNocase);
    }

    @Test
    void rangeBoundsCompareAsSignedCharsSoHighBytesSortBelowAscii() {
        // [a-\xff]: 0xff is -1 as a signed char, so the range is -1..'a' and holds '0' but not 'b' or 0x80.
        assertThat(matches("[a-\u00ff]", "0", false)).isTrue();
        assertThat(matches("[a-\u00ff]", "b", false)).isFalse();
        assertThat(matches("[a-\u00ff]", "\u0080", false)).isFalse();
        assertThat(matches("[\u0080-\u00ff]", "\u00c0", false)).isTrue();
    }

    @Test
    void nocaseFoldsAsciiLettersOnly() {
        assertThat(matches("\u00e9", "\u00c9", true)).isFalse();
        assertThat(matches("e", "E", true)).isTrue();
    }

    @Test
    void manyStarsAgainstALongKeyWithoutAMatchAnswerAtOnce() {
        // Redis's regression test for CVE-2022-36021: exponential before 7.0.9.
        String pattern = "a*".repeat(20) + "b";
        assertThat(matches(pattern, "a".repeat(40), false)).isFalse();
        assertThat(matches("*".repeat(1000) + "b" + "*?".repeat(1000) + "c", "b" + "x".repeat(100_000), false)).isFalse();
        assertThat(matches("*a".repeat(5000), "a".repeat(100_000), false)).isTrue();
        assertThat(matches("*[a-z]*[^b]".repeat(1000) + "!", "ab".repeat(50_000), false)).isFalse();
    }
}
