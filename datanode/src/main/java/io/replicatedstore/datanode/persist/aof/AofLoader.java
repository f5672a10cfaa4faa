package io.replicatedstore.datanode.persist.aof;

import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.Server;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * Replays a file of RESP commands (an incremental AOF, or a base written without the RDB
 * preamble) through the dispatcher with a client whose replies go nowhere, as Redis's
 * loadSingleAppendOnlyFile does. A torn last command (or an unfinished MULTI) is an
 * {@link Truncated}; anything else malformed is an {@link Corrupt} naming the offset.
 */
final class AofLoader {

    private static final Logger LOG = Logger.getLogger(AofLoader.class.getName());
    /** Arguments pre-allocated per command; more are added as they are read. */
    private static final int INITIAL_ARGV = 1024;

    /** The file ends inside a command; {@code validUpTo} is where the last complete one ends. */
    static final class Truncated extends IOException {
        final long validUpTo;

        Truncated(Path file, long validUpTo) {
            super("Unexpected end of file reading the append only file " + file.getFileName()
                    + " (last valid command ends at offset " + validUpTo + ")");
            this.validUpTo = validUpTo;
        }
    }

    static final class Corrupt extends IOException {
        Corrupt(Path file, long offset, String why) {
            super("Bad file format reading the append only file " + file.getFileName() + " at offset " + offset
                    + ": " + why);
        }
    }

    private final Server server;
    private final Path file;
    private final InputStream in;
    private long offset;

    private AofLoader(Server server, Path file, InputStream in) {
        this.server = server;
        this.file = file;
        this.in = in;
    }

    /** Replays {@code file} from {@code start}; returns the commands run. */
    static long replay(Server server, Path file, long start) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.skipNBytes(start);
            AofLoader loader = new AofLoader(server, file, raw);
            loader.offset = start;
            return loader.run();
        }
    }

    /** Cuts {@code file} to {@code length} bytes and syncs it. */
    static void truncate(Path file, long length) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(length);
            ch.force(true);
        }
    }

    private long run() throws IOException {
        Client client = server.fakeClient();
        long commands = 0;
        long validUpTo = offset;
        long beforeMulti = -1;
        while (true) {
            long commandStart = offset;
            int first = in.read();
            if (first == -1) {
                break;
            }
            offset++;
            if (first == '#') { // annotations (Redis 7.0's #TS: lines)
                try {
                    readLine();
                } catch (EOFException e) {
                    throw new Truncated(file, beforeMulti >= 0 ? beforeMulti : validUpTo);
                }
                if (beforeMulti < 0) {
                    validUpTo = offset;
                }
                continue;
            }
            if (first != '*') {
                throw new Corrupt(file, commandStart, "expected '*', found byte " + first);
            }
            byte[][] argv;
            try {
                long argc = number(readLine(), commandStart);
                if (argc < 1 || argc > Integer.MAX_VALUE) {
                    throw new Corrupt(file, commandStart, "invalid number of arguments " + argc);
                }
                // The count is the file's word: the array grows with the arguments actually
                // read, so a torn or corrupt "*2147483647" cannot size a 16 GB allocation.
                argv = new byte[(int) Math.min(argc, INITIAL_ARGV)][];
                for (int i = 0; i < argc; i++) {
                    if (i == argv.length) {
                        argv = Arrays.copyOf(argv, (int) Math.min(argc, 2L * argv.length));
                    }
                    long argStart = offset;
                    int dollar = in.read();
                    if (dollar == -1) {
                        throw new EOFException();
                    }
                    offset++;
                    if (dollar != '$') {
                        throw new Corrupt(file, argStart, "expected '$', found byte " + dollar);
                    }
                    long len = number(readLine(), argStart);
                    if (len < 0 || len > Integer.MAX_VALUE - 2) {
                        throw new Corrupt(file, argStart, "invalid bulk length " + len);
                    }
                    byte[] arg = in.readNBytes((int) len);
                    offset += arg.length;
                    if (arg.length < len) {
                        throw new EOFException();
                    }
                    int cr = in.read();
                    int lf = cr == -1 ? -1 : in.read();
                    if (cr == -1 || lf == -1) {
                        throw new EOFException();
                    }
                    offset += 2;
                    if (cr != '\r' || lf != '\n') {
                        throw new Corrupt(file, offset - 2, "bulk string not terminated by CRLF");
                    }
                    argv[i] = arg;
                }
            } catch (EOFException e) {
                throw new Truncated(file, beforeMulti >= 0 ? beforeMulti : validUpTo);
            }
            String name = new String(argv[0], StandardCharsets.US_ASCII);
            if (name.equalsIgnoreCase("multi")) {
                beforeMulti = commandStart;
            } else if (name.equalsIgnoreCase("exec")) {
                beforeMulti = -1;
            }
            if (!server.processor().exists(argv[0])) {
                throw new Corrupt(file, commandStart, "unknown command '" + name + "'");
            }
            server.processor().process(client, argv);
            client.writer().take();
            commands++;
            if (beforeMulti < 0) {
                validUpTo = offset;
            }
        }
        if (beforeMulti >= 0) {
            LOG.warning("Revert incomplete MULTI/EXEC transaction in AOF file " + file.getFileName());
            throw new Truncated(file, beforeMulti);
        }
        return commands;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException();
            }
            offset++;
            if (b == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            if (line.length() > 64 * 1024) {
                throw new Corrupt(file, offset, "line too long");
            }
            line.append((char) b);
        }
    }

    private long number(String text, long at) throws Corrupt {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Corrupt(file, at, "invalid number '" + text + "'");
        }
    }
}
