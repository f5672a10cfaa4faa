package io.replicatedstore.datanode.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code client-output-buffer-limit <class> <hard> <soft> <soft-seconds> [...]}: one limit per
 * client class (normal, replica alias slave, pubsub). A directive or CONFIG SET names some
 * classes and leaves the others as they were; the whole value is refused if any part is bad.
 */
public record OutputBufferLimits(Limit normal, Limit replica, Limit pubsub) {

    /** A class's limits; 0 disables one. Over {@code softBytes} for more than {@code softSeconds} closes too. */
    public record Limit(long hardBytes, long softBytes, long softSeconds) {
        public static final Limit NONE = new Limit(0, 0, 0);
    }

    /** The classes, in the order CONFIG GET prints them, with the names it prints. */
    public enum Kind { NORMAL, REPLICA, PUBSUB }

    public static final OutputBufferLimits DEFAULT = new OutputBufferLimits(
            Limit.NONE,
            new Limit(256L * 1024 * 1024, 64L * 1024 * 1024, 60),
            new Limit(32L * 1024 * 1024, 8L * 1024 * 1024, 60));

    public Limit of(Kind kind) {
        return switch (kind) {
            case NORMAL -> normal;
            case REPLICA -> replica;
            case PUBSUB -> pubsub;
        };
    }

    private OutputBufferLimits with(Kind kind, Limit limit) {
        return switch (kind) {
            case NORMAL -> new OutputBufferLimits(limit, replica, pubsub);
            case REPLICA -> new OutputBufferLimits(normal, limit, pubsub);
            case PUBSUB -> new OutputBufferLimits(normal, replica, limit);
        };
    }

    /** These limits with the classes that {@code words} name replaced (Redis's updateClientOutputBufferLimit). */
    public OutputBufferLimits update(List<String> words) throws ConfigException {
        if (words.size() % 4 != 0) {
            throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
        }
        OutputBufferLimits result = this;
        for (int i = 0; i < words.size(); i += 4) {
            Kind kind = switch (words.get(i).toLowerCase(Locale.ROOT)) {
                case "normal" -> Kind.NORMAL;
                case "replica", "slave" -> Kind.REPLICA;
                case "pubsub" -> Kind.PUBSUB;
                default -> throw new ConfigException("Invalid client class specified in buffer limit configuration.");
            };
            long hard = MemorySize.parse(words.get(i + 1));
            long soft = MemorySize.parse(words.get(i + 2));
            long seconds;
            try {
                seconds = Long.parseLong(words.get(i + 3));
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (hard < 0 || soft < 0 || seconds < 0) {
                throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            result = result.with(kind, new Limit(hard, soft, seconds));
        }
        return result;
    }

    /** CONFIG GET's form: every class, bytes as plain numbers, the replica class named slave. */
    public String format() {
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Limit limit = of(kind);
            parts.add(getName(kind) + " " + limit.hardBytes() + " " + limit.softBytes() + " " + limit.softSeconds());
        }
        return String.join(" ", parts);
    }

    /** The class name CONFIG GET prints (Redis still says slave there; CONFIG REWRITE writes replica). */
    public static String getName(Kind kind) {
        return kind == Kind.REPLICA ? "slave" : kind.name().toLowerCase(Locale.ROOT);
    }

    /** The directive's option: arguments merge into the current value. */
    static final class Option extends ConfigOption<OutputBufferLimits> {
        Option() {
            super("client-output-buffer-limit", true, DEFAULT);
        }

        @Override
        public int arity() {
            return -1;
        }

        @Override
        protected OutputBufferLimits parse(List<String> args) throws ConfigException {
            List<String> words = new ArrayList<>();
            for (String arg : args) {
                for (String word : arg.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        words.add(word);
                    }
                }
            }
            return get().update(words);
        }

        @Override
        public String format(OutputBufferLimits v) {
            return v.format();
        }
    }
}
