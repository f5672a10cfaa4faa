package io.replicatedstore.datanode.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the propagated (db, argv) stream into the RESP bytes a Redis master writes to its
 * replicas and AOF: each command as an array of bulk strings, preceded by {@code SELECT db}
 * whenever the database differs from the last one this encoder emitted. {@link #reset()}
 * forgets that database (after a full sync, or a new AOF), so the next command selects again.
 * Every propagated write passes through here, so {@link #encodeToBuffer} writes into one reused
 * buffer and allocates nothing. Not thread safe; one per consumer.
 */
public final class PropagationEncoder {

    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);

    private byte[] buffer = new byte[256];
    private int lastDb = -1;
    private long commands;

    /**
     * Encodes one propagated command, with the SELECT it needs first, into {@link #buffer()},
     * replacing what the previous call left there, and returns its length.
     */
    public int encodeToBuffer(int db, byte[][] argv) {
        byte[][] select = null;
        int size = size(argv);
        if (db != lastDb) {
            select = new byte[][] {SELECT, Integer.toString(db).getBytes(StandardCharsets.US_ASCII)};
            size += size(select);
            lastDb = db;
            commands++;
        }
        if (size > buffer.length) {
            buffer = new byte[Math.max(size, buffer.length * 2)];
        }
        int at = select == null ? 0 : put(buffer, 0, select);
        at = put(buffer, at, argv);
        commands++;
        return at;
    }

    /** What {@link #encodeToBuffer} wrote; valid until its next call. */
    public byte[] buffer() {
        return buffer;
    }

    /** The RESP for one propagated command, with the SELECT it needs first, as a new array. */
    public byte[] encode(int db, byte[][] argv) {
        return Arrays.copyOf(buffer, encodeToBuffer(db, argv));
    }

    /** The next command is preceded by SELECT whatever its database. */
    public void reset() {
        lastDb = -1;
    }

    /** How many commands (SELECTs included) this encoder produced. */
    public long commands() {
        return commands;
    }

    /** One command as a RESP array of bulk strings (no SELECT). */
    public static byte[] command(byte[][] argv) {
        byte[] out = new byte[size(argv)];
        put(out, 0, argv);
        return out;
    }

    /** The exact encoded size of one command. */
    private static int size(byte[][] argv) {
        int size = 3 + digits(argv.length);
        for (byte[] arg : argv) {
            size += 5 + digits(arg.length) + arg.length;
        }
        return size;
    }

    private static int put(byte[] out, int at, byte[][] argv) {
        at = header(out, at, '*', argv.length);
        for (byte[] arg : argv) {
            at = header(out, at, '$', arg.length);
            System.arraycopy(arg, 0, out, at, arg.length);
            at += arg.length;
            out[at++] = '\r';
            out[at++] = '\n';
        }
        return at;
    }

    private static int header(byte[] out, int at, char type, int length) {
        out[at++] = (byte) type;
        int end = at + digits(length);
        for (int i = end - 1; i >= at; i--) {
            out[i] = (byte) ('0' + length % 10);
            length /= 10;
        }
        out[end] = '\r';
        out[end + 1] = '\n';
        return end + 2;
    }

    private static int digits(int value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }
}
