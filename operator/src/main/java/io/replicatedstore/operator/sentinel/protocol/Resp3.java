package io.replicatedstore.operator.sentinel.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The RESP3 replies the Sentinel endpoint needs beyond RESP2 (maps, pushes, null), encoded by
 * hand: Netty's RESP codec knows RESP2 only, and redis-py speaks RESP3 (HELLO 3) by default.
 * Written to the channel as bytes, they pass the RESP2 encoder untouched.
 */
final class Resp3 {

    private Resp3() {
    }

    /** A map of strings, numbers and empty lists. */
    static ByteBuf map(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        appendMap(out, fields);
        return bytes(out);
    }

    static ByteBuf arrayOfMaps(List<Map<String, String>> maps) {
        StringBuilder out = new StringBuilder("*").append(maps.size()).append("\r\n");
        maps.forEach(map -> appendMap(out, map));
        return bytes(out);
    }

    /** A push (Pub/Sub confirmations and messages): the strings, then optionally a trailing integer. */
    static ByteBuf push(List<String> items, Long count) {
        StringBuilder out = new StringBuilder(">").append(items.size() + (count == null ? 0 : 1)).append("\r\n");
        items.forEach(item -> appendBulk(out, item));
        if (count != null) {
            out.append(':').append(count).append("\r\n");
        }
        return bytes(out);
    }

    static ByteBuf nullValue() {
        return bytes(new StringBuilder("_\r\n"));
    }

    private static void appendMap(StringBuilder out, Map<String, ?> fields) {
        out.append('%').append(fields.size()).append("\r\n");
        fields.forEach((key, value) -> {
            appendBulk(out, key);
            if (value instanceof Number number) {
                out.append(':').append(number.longValue()).append("\r\n");
            } else if (value instanceof List<?> list && list.isEmpty()) {
                out.append("*0\r\n");
            } else {
                appendBulk(out, String.valueOf(value));
            }
        });
    }

    private static void appendBulk(StringBuilder out, String text) {
        out.append('$').append(text.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(text).append("\r\n");
    }

    private static ByteBuf bytes(StringBuilder out) {
        return Unpooled.wrappedBuffer(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
