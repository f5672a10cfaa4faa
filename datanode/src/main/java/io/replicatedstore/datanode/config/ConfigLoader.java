package io.replicatedstore.datanode.config;

import io.replicatedstore.datanode.resp.InlineSplitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads a configuration as redis-server does: an optional config file, then {@code --name value}
 * arguments appended to it as extra lines, then every line applied in order. {@code include path}
 * applies another file in place (a glob in its last part takes every match, in name order), so
 * secrets can live in a file of their own instead of on the command line.
 */
public final class ConfigLoader {

    /** What went wrong, worded as Redis's "FATAL CONFIG FILE ERROR" report. */
    public static final class FatalConfigError extends Exception {
        public FatalConfigError(String report) {
            super(report);
        }
    }

    /** Includes deeper than this are a loop (Redis would recurse until its stack ran out). */
    static final int MAX_INCLUDE_DEPTH = 16;

    private ConfigLoader() {
    }

    /** Builds a configuration from redis-server style command line arguments. */
    public static Config fromArgs(String[] args) throws FatalConfigError {
        Config config = new Config();
        StringBuilder text = new StringBuilder();
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            Path file = Path.of(args[0]);
            try {
                text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
                config.configFile(file.toAbsolutePath().toString());
            } catch (IOException e) {
                throw new FatalConfigError("Fatal error, can't open config file '" + args[0] + "': " + e.getMessage());
            }
            i = 1;
        }
        StringBuilder options = new StringBuilder();
        for (; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2) {
                if (options.length() > 0) {
                    options.append('\n');
                }
                options.append(arg.substring(2)).append(' ');
            } else {
                if (options.length() == 0) {
                    throw new FatalConfigError("Invalid option '" + arg + "': options must start with --");
                }
                options.append(quote(arg)).append(' ');
            }
        }
        text.append(options);
        apply(config, text.toString());
        return config;
    }

    /** Applies configuration text (redis.conf lines) to a configuration. */
    public static void apply(Config config, String text) throws FatalConfigError {
        apply(config, text, 0);
    }

    private static void apply(Config config, String text, int depth) throws FatalConfigError {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            byte[][] words = InlineSplitter.split(bytes, bytes.length);
            if (words == null) {
                throw fatal(n + 1, line, "Unbalanced quotes in configuration line");
            }
            if (words.length == 0) {
                continue;
            }
            String name = new String(words[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            List<String> values = new ArrayList<>();
            for (byte[] word : Arrays.copyOfRange(words, 1, words.length)) {
                values.add(new String(word, StandardCharsets.UTF_8));
            }
            if (name.equals("include") && values.size() == 1) {
                include(config, values.get(0), depth + 1, n + 1, line);
                continue;
            }
            ConfigOption<?> option = config.option(name);
            if (option == null || values.isEmpty() || (option.arity() > 0 && values.size() != option.arity()
                    && !(option.arity() == 2 && values.size() == 1))) {
                throw fatal(n + 1, line, "Bad directive or wrong number of arguments");
            }
            try {
                option.set(values, false);
            } catch (ConfigException e) {
                throw fatal(n + 1, line, e.getMessage());
            }
        }
    }

    private static void include(Config config, String pattern, int depth, int lineNumber, String line)
            throws FatalConfigError {
        if (depth > MAX_INCLUDE_DEPTH) {
            throw fatal(lineNumber, line, "Too many nested includes (more than " + MAX_INCLUDE_DEPTH + ")");
        }
        for (Path file : matches(pattern)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new FatalConfigError("Fatal error, can't open config file '" + file + "': " + e.getMessage());
            }
            apply(config, text, depth);
        }
    }

    /** The file a path names, or the files a glob in its last part matches (in name order; none is no error, as in Redis). */
    private static List<Path> matches(String pattern) {
        Path path = Path.of(pattern);
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (last.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
            return List.of(path);
        }
        Path dir = path.getParent() == null ? Path.of(".") : path.getParent();
        PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + last);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> matcher.matches(f.getFileName()) && Files.isRegularFile(f)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static FatalConfigError fatal(int lineNumber, String line, String reason) {
        return new FatalConfigError("\n*** FATAL CONFIG FILE ERROR (replicated-store datanode) ***\n"
                + "Reading the configuration file, at line " + lineNumber + "\n"
                + ">>> '" + line + "'\n" + reason);
    }

    /** Quotes a command line value so the config line splitter gives it back unchanged. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
