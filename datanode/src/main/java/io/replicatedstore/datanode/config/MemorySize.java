package io.replicatedstore.datanode.config;

import java.util.Locale;

/** Redis's memory units in configuration: 1k = 1000, 1kb = 1024, up to gb; case-insensitive. */
public final class MemorySize {

    private MemorySize() {
    }

    /** Bytes for a memory value, or -1 when it is not one. */
    public static long parse(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
            {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] unit : units) {
            if (s.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                s = s.substring(0, s.length() - unit[0].length());
                break;
            }
        }
        if (s.isEmpty()) {
            return 0; // as Redis's memtoull: no digits read is 0, not an error
        }
        try {
            long value = Long.parseLong(s);
            return Math.multiplyExact(value, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }
}
