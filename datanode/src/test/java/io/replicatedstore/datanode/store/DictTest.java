package io.replicatedstore.datanode.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DictTest {

    @Test
    void expandSizesTheTableAheadAndKeepsTheKeys() {
        Dict<String> dict = new Dict<>();
        for (int i = 0; i < 10; i++) {
            dict.put(key(i), "v" + i);
        }
        dict.expand(1000);
        assertThat(dict.capacity()).isEqualTo(1024);
        for (int i = 0; i < 2000; i++) {
            dict.put(key(i), "v" + i);
        }
        assertThat(dict.size()).isEqualTo(2000);
        assertThat(dict.get(key(7))).isEqualTo("v7");
        assertThat(dict.get(key(1999))).isEqualTo("v1999");
    }

    @Test
    void expandNeverShrinks() {
        Dict<String> dict = new Dict<>();
        dict.expand(64);
        dict.expand(10);
        dict.expand(-1);
        assertThat(dict.capacity()).isEqualTo(64);
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.US_ASCII);
    }
}
