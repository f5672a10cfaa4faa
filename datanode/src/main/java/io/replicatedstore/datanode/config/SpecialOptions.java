package io.replicatedstore.datanode.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Directives whose value is more than one word: save rules, bind addresses, replicaof. */
public final class SpecialOptions {

    private SpecialOptions() {
    }

    /** A save rule: snapshot after {@code seconds} if at least {@code changes} writes happened. */
    public record SaveRule(long seconds, long changes) {
    }

    /** {@code save <seconds> <changes> [<seconds> <changes> ...]}, or {@code save ""} for none. */
    static final class Save extends ConfigOption<List<SaveRule>> {
        Save() {
            super("save", true, List.of(new SaveRule(3600, 1), new SaveRule(300, 100), new SaveRule(60, 10000)));
        }

        @Override
        public int arity() {
            return -1;
        }

        @Override
        protected List<SaveRule> parse(List<String> args) throws ConfigException {
            List<String> words = new ArrayList<>();
            for (String arg : args) {
                for (String word : arg.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        words.add(word);
                    }
                }
            }
            if (words.size() % 2 != 0) {
                throw new ConfigException("Invalid save parameters");
            }
            List<SaveRule> rules = new ArrayList<>();
            for (int i = 0; i < words.size(); i += 2) {
                try {
                    long seconds = Long.parseLong(words.get(i));
                    long changes = Long.parseLong(words.get(i + 1));
                    if (seconds < 1 || changes < 0) {
                        throw new ConfigException("Invalid save parameters");
                    }
                    rules.add(new SaveRule(seconds, changes));
                } catch (NumberFormatException e) {
                    throw new ConfigException("Invalid save parameters");
                }
            }
            return List.copyOf(rules);
        }

        @Override
        public String format(List<SaveRule> rules) {
            StringBuilder text = new StringBuilder();
            for (SaveRule rule : rules) {
                if (text.length() > 0) {
                    text.append(' ');
                }
                text.append(rule.seconds()).append(' ').append(rule.changes());
            }
            return text.toString();
        }
    }

    /** {@code bind addr [addr ...]}; a leading '-' marks an address that may be missing. */
    static final class Bind extends ConfigOption<List<String>> {
        Bind() {
            super("bind", false, List.of("*", "-::*"));
        }

        @Override
        public int arity() {
            return -1;
        }

        @Override
        protected List<String> parse(List<String> args) throws ConfigException {
            List<String> addresses = new ArrayList<>();
            for (String arg : args) {
                for (String word : arg.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        addresses.add(word);
                    }
                }
            }
            if (addresses.isEmpty() || addresses.size() > 16) {
                throw new ConfigException("Too many bind addresses specified.");
            }
            return List.copyOf(addresses);
        }

        @Override
        public String format(List<String> v) {
            return String.join(" ", v);
        }
    }

    /** Where this node replicates from; null when it is a master. */
    public record MasterAddress(String host, int port) {
    }

    /** {@code replicaof <host> <port>} (alias slaveof), or {@code replicaof no one}. */
    static final class ReplicaOf extends ConfigOption<MasterAddress> {
        ReplicaOf() {
            super("replicaof", false, null);
        }

        @Override
        public int arity() {
            return 2;
        }

        @Override
        protected MasterAddress parse(List<String> args) throws ConfigException {
            if (args.size() == 1) {
                String[] words = args.get(0).trim().split("\\s+");
                if (words.length == 2) {
                    args = List.of(words[0], words[1]);
                }
            }
            if (args.size() != 2) {
                throw new ConfigException("wrong number of arguments");
            }
            if (args.get(0).toLowerCase(Locale.ROOT).equals("no") && args.get(1).toLowerCase(Locale.ROOT).equals("one")) {
                return null;
            }
            try {
                int port = Integer.parseInt(args.get(1));
                if (port < 0 || port > 65535) {
                    throw new ConfigException("Invalid master port");
                }
                return new MasterAddress(args.get(0), port);
            } catch (NumberFormatException e) {
                throw new ConfigException("Invalid master port");
            }
        }

        @Override
        public String format(MasterAddress v) {
            return v == null ? "" : v.host() + " " + v.port();
        }
    }
}
