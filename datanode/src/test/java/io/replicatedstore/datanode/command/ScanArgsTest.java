package io.replicatedstore.datanode.command;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScanArgsTest {

    @Test
    void cursorsParseLikeStrtoul() {
        assertThat(ScanArgs.cursor("".getBytes())).isZero();
        assertThat(ScanArgs.cursor("+7".getBytes())).isEqualTo(7L);
        assertThat(ScanArgs.cursor("007".getBytes())).isEqualTo(7L);
        assertThat(ScanArgs.cursor("-1".getBytes())).isEqualTo(-1L);
        assertThat(ScanArgs.cursor("-18446744073709551615".getBytes())).isEqualTo(1L);
        assertThat(Long.toUnsignedString(ScanArgs.cursor("18446744073709551615".getBytes())))
                .isEqualTo("18446744073709551615");
        assertThat(Long.toUnsignedString(ScanArgs.cursor("000000000000000000000018446744073709551615".getBytes())))
                .isEqualTo("18446744073709551615");
        for (String bad : List.of(" 1", "1 ", "-", "+", "0x1", "1.0", "18446744073709551616",
                "-18446744073709551616", "99999999999999999999999")) {
            assertThatThrownBy(() -> ScanArgs.cursor(bad.getBytes()))
                    .as(bad).hasMessage("ERR invalid cursor");
        }
    }
}
