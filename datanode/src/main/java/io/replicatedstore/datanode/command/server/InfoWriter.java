package io.replicatedstore.datanode.command.server;

import java.util.Locale;

/**
 * Builds one INFO section: a "# Title" header, then "field:value" lines, each ending in CRLF.
 * Shared by the section builders (including {@link PersistenceInfo} and {@link ReplicationInfo},
 * which other parts of the node extend).
 */
public final class InfoWriter {

    private final StringBuilder out = new StringBuilder(512);

    public InfoWriter(String title) {
        out.append("# ").append(title).append("\r\n");
    }

    public InfoWriter field(String name, long value) {
        out.append(name).append(':').append(value).append("\r\n");
        return this;
    }

    public InfoWriter field(String name, String value) {
        out.append(name).append(':').append(value).append("\r\n");
        return this;
    }

    /** A value printed as C's "%.2f". */
    public InfoWriter fixed2(String name, double value) {
        return field(name, String.format(Locale.ROOT, "%.2f", value));
    }

    public String text() {
        return out.toString();
    }

    /** Redis's bytesToHuman: 100B, 1.50K, 2.00M, 3.25G... */
    public static String human(long n) {
        double d;
        if (n < 1024) {
            return n + "B";
        } else if (n < 1024L * 1024) {
            d = n / 1024.0;
            return String.format(Locale.ROOT, "%.2fK", d);
        } else if (n < 1024L * 1024 * 1024) {
            d = n / (1024.0 * 1024);
            return String.format(Locale.ROOT, "%.2fM", d);
        } else if (n < 1024L * 1024 * 1024 * 1024) {
            d = n / (1024.0 * 1024 * 1024);
            return String.format(Locale.ROOT, "%.2fG", d);
        } else if (n < 1024L * 1024 * 1024 * 1024 * 1024) {
            d = n / (1024.0 * 1024 * 1024 * 1024);
            return String.format(Locale.ROOT, "%.2fT", d);
        } else if (n < 1024L * 1024 * 1024 * 1024 * 1024 * 1024) {
            d = n / (1024.0 * 1024 * 1024 * 1024 * 1024);
            return String.format(Locale.ROOT, "%.2fP", d);
        }
        return n + "B";
    }

    /** Replaces the characters that would break INFO's format (#, :, CR, LF) with '_'. */
    public static String safe(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '#' || c == ':' || c == '\n' || c == '\r') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, '_');
            }
        }
        return b == null ? s : b.toString();
    }
}
