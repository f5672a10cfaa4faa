package io.replicatedstore.datanode.util;

/** Redis's sdscatrepr: a quoted, escaped form of binary data (MONITOR, logs). */
public final class Repr {

    private Repr() {
    }

    public static String quote(byte[] data) {
        StringBuilder out = new StringBuilder(data.length + 2).append('"');
        for (byte b : data) {
            int c = b & 0xff;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
