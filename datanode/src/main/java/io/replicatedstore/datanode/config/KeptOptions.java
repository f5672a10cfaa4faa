package io.replicatedstore.datanode.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Directives of Redis 7.0 whose value needs more than the plain kinds of {@link Options}:
 * notify-keyspace-events (class letters), latency-tracking-info-percentiles and
 * oom-score-adj-values (lists of numbers), shutdown-on-sigint/-sigterm (a set of flags).
 */
public final class KeptOptions {

    private KeptOptions() {
    }

    /** Keyspace notification classes, bit per letter as Redis numbers them. */
    public static final int GENERIC = 1 << 2;
    public static final int STRING = 1 << 3;
    public static final int LIST = 1 << 4;
    public static final int SET = 1 << 5;
    public static final int HASH = 1 << 6;
    public static final int ZSET = 1 << 7;
    public static final int EXPIRED = 1 << 8;
    public static final int EVICTED = 1 << 9;
    public static final int STREAM = 1 << 10;
    public static final int KEY_MISS = 1 << 11;
    public static final int MODULE = 1 << 12;
    public static final int NEW = 1 << 13;
    public static final int KEYSPACE = 1;
    public static final int KEYEVENT = 1 << 1;
    /** 'A': every class but key-miss and new-key (and the K/E channel selectors). */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /** Parses class letters ("KEA", "Kx$"...); -1 when a letter names no class. */
    public static int parseEventClasses(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            flags |= switch (classes.charAt(i)) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> -1;
            };
            if (flags < 0) {
                return -1;
            }
        }
        return flags;
    }

    /** The canonical letters of a set of classes, as CONFIG GET prints them ("AKE", "gxK"...). */
    public static String formatEventClasses(int flags) {
        StringBuilder out = new StringBuilder();
        if ((flags & ALL) == ALL) {
            out.append('A');
        } else {
            appendIf(out, flags, GENERIC, 'g');
            appendIf(out, flags, STRING, '$');
            appendIf(out, flags, LIST, 'l');
            appendIf(out, flags, SET, 's');
            appendIf(out, flags, HASH, 'h');
            appendIf(out, flags, ZSET, 'z');
            appendIf(out, flags, EXPIRED, 'x');
            appendIf(out, flags, EVICTED, 'e');
            appendIf(out, flags, STREAM, 't');
            appendIf(out, flags, MODULE, 'd');
            appendIf(out, flags, NEW, 'n');
        }
        appendIf(out, flags, KEYSPACE, 'K');
        appendIf(out, flags, KEYEVENT, 'E');
        appendIf(out, flags, KEY_MISS, 'm');
        return out.toString();
    }

    private static void appendIf(StringBuilder out, int flags, int flag, char letter) {
        if ((flags & flag) != 0) {
            out.append(letter);
        }
    }

    /** {@code notify-keyspace-events <classes>}: "" (none, the default) or class letters. */
    public static final class NotifyKeyspaceEvents extends ConfigOption<Integer> {
        NotifyKeyspaceEvents() {
            super("notify-keyspace-events", true, 0);
        }

        @Override
        protected Integer parse(List<String> args) throws ConfigException {
            int flags = parseEventClasses(args.get(0));
            if (flags < 0) {
                throw new ConfigException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            }
            return flags;
        }

        @Override
        public String format(Integer v) {
            return formatEventClasses(v);
        }
    }

    /** {@code latency-tracking-info-percentiles <p> ...}: percentiles between 0 and 100, or "" for none. */
    public static final class Percentiles extends ConfigOption<List<Double>> {
        Percentiles() {
            super("latency-tracking-info-percentiles", true, List.of(50.0, 99.0, 99.9));
        }

        @Override
        public int arity() {
            return -1;
        }

        @Override
        protected List<Double> parse(List<String> args) throws ConfigException {
            List<Double> values = new ArrayList<>();
            for (String word : words(args)) {
                double value;
                try {
                    value = Double.parseDouble(word);
                } catch (NumberFormatException e) {
                    throw new ConfigException("Invalid latency-tracking-info-percentiles parameters");
                }
                if (Double.isNaN(value) || value < 0 || value > 100) {
                    throw new ConfigException("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
                }
                values.add(value);
            }
            return List.copyOf(values);
        }

        @Override
        public String format(List<Double> values) {
            List<String> out = new ArrayList<>();
            for (double v : values) {
                out.add(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
            }
            return String.join(" ", out);
        }
    }

    /** {@code oom-score-adj-values <master> <replica> <bgchild>}, each -2000..2000. */
    public static final class OomScoreAdjValues extends ConfigOption<List<Long>> {
        OomScoreAdjValues() {
            super("oom-score-adj-values", true, List.of(0L, 200L, 800L));
        }

        @Override
        public int arity() {
            return -1;
        }

        @Override
        protected List<Long> parse(List<String> args) throws ConfigException {
            List<String> words = words(args);
            if (words.size() != 3) {
                throw new ConfigException("wrong number of arguments");
            }
            List<Long> values = new ArrayList<>();
            for (String word : words) {
                long value;
                try {
                    value = Long.parseLong(word);
                } catch (NumberFormatException e) {
                    throw new ConfigException("Invalid oom-score-adj-values");
                }
                if (value < -2000 || value > 2000) {
                    throw new ConfigException("Invalid oom-score-adj-values");
                }
                values.add(value);
            }
            return List.copyOf(values);
        }

        @Override
        public String format(List<Long> values) {
            List<String> out = new ArrayList<>();
            values.forEach(v -> out.add(Long.toString(v)));
            return String.join(" ", out);
        }
    }

    /** {@code shutdown-on-sigint|sigterm default | [save|nosave] [now] [force]}. */
    public static final class ShutdownOnSignal extends ConfigOption<String> {
        private static final String CHOICES = "argument(s) must be one of the following: default, save, nosave, now, force";

        ShutdownOnSignal(String name) {
            super(name, true, "default");
        }

        @Override
        public int arity() {
            return -1;
        }

        @Override
        protected String parse(List<String> args) throws ConfigException {
            List<String> words = words(args);
            boolean save = false;
            boolean nosave = false;
            boolean now = false;
            boolean force = false;
            for (String word : words) {
                switch (word.toLowerCase(Locale.ROOT)) {
                    case "default" -> {
                        // no flag: the default behaviour, unless other flags are given too
                    }
                    case "save" -> save = true;
                    case "nosave" -> nosave = true;
                    case "now" -> now = true;
                    case "force" -> force = true;
                    default -> throw new ConfigException(CHOICES);
                }
            }
            if (words.isEmpty()) {
                throw new ConfigException(CHOICES);
            }
            if (save && nosave) {
                throw new ConfigException("shutdown options SAVE and NOSAVE can't be used simultaneously");
            }
            if (!save && !nosave && !now && !force) {
                return "default";
            }
            List<String> out = new ArrayList<>();
            if (save) {
                out.add("save");
            }
            if (nosave) {
                out.add("nosave");
            }
            if (now) {
                out.add("now");
            }
            if (force) {
                out.add("force");
            }
            return String.join(" ", out);
        }

        @Override
        public String format(String v) {
            return v;
        }
    }

    private static List<String> words(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }
}
