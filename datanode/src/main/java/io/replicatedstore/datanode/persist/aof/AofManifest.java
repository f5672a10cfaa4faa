package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.util.Repr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The multi-part AOF manifest, Redis 7.0's format (aof.c aofInfoFormat / aofLoadManifestFromFile):
 * one line per file, {@code file <name> seq <n> type <b|h|i>}, in the order base, history,
 * incrementals (incrementals in ascending seq). Lines starting with '#' are comments.
 */
final class AofManifest {

    static final char BASE = 'b';
    static final char HISTORY = 'h';
    static final char INCR = 'i';
    private static final int MAX_LINE = 1024;

    record Entry(String name, long seq, char type) {
    }

    Entry base;
    final List<Entry> history = new ArrayList<>();
    final List<Entry> incrs = new ArrayList<>();

    long currBaseSeq() {
        return base == null ? 0 : base.seq();
    }

    long currIncrSeq() {
        return incrs.isEmpty() ? 0 : incrs.get(incrs.size() - 1).seq();
    }

    boolean isEmpty() {
        return base == null && incrs.isEmpty();
    }

    AofManifest copy() {
        AofManifest m = new AofManifest();
        m.base = base;
        m.history.addAll(history);
        m.incrs.addAll(incrs);
        return m;
    }

    String format() {
        StringBuilder out = new StringBuilder();
        if (base != null) {
            line(out, base);
        }
        history.forEach(e -> line(out, e));
        incrs.forEach(e -> line(out, e));
        return out.toString();
    }

    private static void line(StringBuilder out, Entry e) {
        out.append("file ").append(quoteIfNeeded(e.name())).append(" seq ").append(e.seq())
                .append(" type ").append(e.type()).append('\n');
    }

    private static String quoteIfNeeded(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c > '~') {
                return Repr.quote(name.getBytes(StandardCharsets.UTF_8));
            }
        }
        return name;
    }

    /** Parses a manifest; throws IOException with Redis's reasons for an invalid one. */
    static AofManifest parse(String text) throws IOException {
        AofManifest m = new AofManifest();
        long lastIncrSeq = -1;
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.length() > MAX_LINE) {
                throw new IOException("The AOF manifest file contains too long line");
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> argv = split(line);
            if (argv.size() < 6 || argv.size() % 2 != 0) {
                throw new IOException("Invalid AOF manifest file format (line " + lineNo + ")");
            }
            String name = null;
            Long seq = null;
            Character type = null;
            for (int i = 0; i < argv.size(); i += 2) {
                switch (argv.get(i).toLowerCase()) {
                    case "file" -> name = argv.get(i + 1);
                    case "seq" -> {
                        try {
                            seq = Long.parseLong(argv.get(i + 1));
                        } catch (NumberFormatException e) {
                            throw new IOException("Invalid AOF manifest file format (line " + lineNo + ")");
                        }
                    }
                    case "type" -> type = argv.get(i + 1).isEmpty() ? null : argv.get(i + 1).charAt(0);
                    default -> {
                        // unknown keys are ignored, as Redis does
                    }
                }
            }
            if (name == null || seq == null || type == null) {
                throw new IOException("Invalid AOF manifest file format (line " + lineNo + ")");
            }
            if (!isPlainName(name)) {
                // The node reads, appends to and deletes the files its manifest names: only
                // files in its own AOF directory.
                throw new IOException("Invalid AOF manifest file format (line " + lineNo + "): '" + name
                        + "' is a path, not a file name in the AOF directory");
            }
            Entry e = new Entry(name, seq, type);
            switch (type) {
                case BASE -> {
                    if (m.base != null) {
                        throw new IOException("Found duplicate base file information");
                    }
                    m.base = e;
                }
                case HISTORY -> m.history.add(e);
                case INCR -> {
                    if (seq <= lastIncrSeq) {
                        throw new IOException("Found a non-monotonic sequence number");
                    }
                    lastIncrSeq = seq;
                    m.incrs.add(e);
                }
                default -> throw new IOException("Unknown AOF file type");
            }
        }
        return m;
    }

    /** sdssplitargs-like: spaces separate, double or single quotes group. */
    private static List<String> split(String line) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder cur = new StringBuilder();
            char c = line.charAt(i);
            if (c == '"') {
                i++;
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                while (true) {
                    if (i >= n) {
                        throw new IOException("Invalid AOF manifest file format (unbalanced quotes)");
                    }
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        char e = line.charAt(i + 1);
                        if (e == 'x' && i + 3 < n) {
                            bytes.write(Integer.parseInt(line.substring(i + 2, i + 4), 16));
                            i += 4;
                            continue;
                        }
                        bytes.write(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'a' -> 7;
                            default -> e;
                        });
                        i += 2;
                    } else if (d == '"') {
                        i++;
                        break;
                    } else {
                        byte[] b = String.valueOf(d).getBytes(StandardCharsets.UTF_8);
                        bytes.write(b, 0, b.length);
                        i++;
                    }
                }
                cur.append(bytes.toString(StandardCharsets.UTF_8));
            } else if (c == '\'') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IOException("Invalid AOF manifest file format (unbalanced quotes)");
                    }
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
                        cur.append('\'');
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else {
                        cur.append(d);
                        i++;
                    }
                }
            } else {
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    cur.append(line.charAt(i++));
                }
            }
            out.add(cur.toString());
        }
        return out;
    }

    static AofManifest load(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A name inside one directory: not empty, no separator, not "." or "..". */
    static boolean isPlainName(String name) {
        return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0
                && !name.equals(".") && !name.equals("..");
    }

    /** Writes {@code temp-<manifest>}, fsyncs it, renames it over the manifest, fsyncs the directory. */
    void persist(Path dir, String manifestName) throws IOException {
        Path temp = dir.resolve("temp-" + manifestName);
        Path target = dir.resolve(manifestName);
        writeSynced(temp, format().getBytes(StandardCharsets.UTF_8));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDir(dir);
    }

    static void writeSynced(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    static void fsyncDir(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a directory
        }
    }
}
