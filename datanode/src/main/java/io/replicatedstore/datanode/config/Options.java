package io.replicatedstore.datanode.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The kinds of directives: yes/no, numbers (with memory units), strings and enumerations. */
public final class Options {

    private Options() {
    }

    public static final class Bool extends ConfigOption<Boolean> {
        Bool(String name, boolean mutable, boolean defaultValue) {
            super(name, mutable, defaultValue);
        }

        @Override
        protected Boolean parse(List<String> args) throws ConfigException {
            return switch (args.get(0).toLowerCase(Locale.ROOT)) {
                case "yes" -> true;
                case "no" -> false;
                default -> throw new ConfigException("argument must be 'yes' or 'no'");
            };
        }

        @Override
        public String format(Boolean v) {
            return v ? "yes" : "no";
        }
    }

    public static final class Number extends ConfigOption<Long> {
        private final long min;
        private final long max;
        private final boolean memory;

        Number(String name, boolean mutable, long defaultValue, long min, long max, boolean memory) {
            super(name, mutable, defaultValue);
            this.min = min;
            this.max = max;
            this.memory = memory;
        }

        @Override
        protected Long parse(List<String> args) throws ConfigException {
            String text = args.get(0);
            long value;
            if (memory) {
                value = MemorySize.parse(text);
                if (value < 0) {
                    throw new ConfigException("argument must be a memory value");
                }
            } else {
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new ConfigException("argument couldn't be parsed into an integer");
                }
            }
            if (value < min || value > max) {
                throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
            }
            return value;
        }

        @Override
        public String format(Long v) {
            return Long.toString(v);
        }

        public int asInt() {
            return (int) (long) get();
        }

        /** Whether the value is a memory size (accepts 1kb, 1gb...; CONFIG REWRITE writes it so). */
        public boolean memory() {
            return memory;
        }
    }

    public static final class Text extends ConfigOption<String> {
        Text(String name, boolean mutable, String defaultValue) {
            super(name, mutable, defaultValue);
        }

        @Override
        protected String parse(List<String> args) {
            return args.get(0);
        }

        @Override
        public String format(String v) {
            return v;
        }
    }

    /**
     * A file or directory name inside dir (dbfilename, appendfilename, appenddirname), never a
     * path, so no client can make the node write elsewhere. Redis checks for '/' and '\\'; "."
     * and ".." are refused here too, as they name dir itself or its parent.
     */
    public static final class BaseName extends ConfigOption<String> {
        private final String kind;
        private final boolean mayBeEmpty;

        BaseName(String name, boolean mutable, String defaultValue, String kind, boolean mayBeEmpty) {
            super(name, mutable, defaultValue);
            this.kind = kind;
            this.mayBeEmpty = mayBeEmpty;
        }

        @Override
        protected String parse(List<String> args) throws ConfigException {
            String value = args.get(0);
            if (value.isEmpty() && !mayBeEmpty) {
                throw new ConfigException(name() + " can't be empty");
            }
            if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0 || value.equals(".") || value.equals("..")) {
                throw new ConfigException(name() + " can't be a path, just a " + kind);
            }
            return value;
        }

        @Override
        public String format(String v) {
            return v;
        }
    }

    public static final class Choice extends ConfigOption<String> {
        private final Set<String> choices;
        /** Choices that are other names for another (Redis's enum entries sharing a value). */
        private final java.util.Map<String, String> synonyms;

        Choice(String name, boolean mutable, String defaultValue, Set<String> choices) {
            this(name, mutable, defaultValue, choices, java.util.Map.of());
        }

        Choice(String name, boolean mutable, String defaultValue, Set<String> choices, java.util.Map<String, String> synonyms) {
            super(name, mutable, defaultValue);
            this.choices = choices;
            this.synonyms = synonyms;
        }

        @Override
        protected String parse(List<String> args) throws ConfigException {
            String value = args.get(0).toLowerCase(Locale.ROOT);
            if (!choices.contains(value)) {
                throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", choices));
            }
            return synonyms.getOrDefault(value, value);
        }

        @Override
        public String format(String v) {
            return v;
        }
    }
}
