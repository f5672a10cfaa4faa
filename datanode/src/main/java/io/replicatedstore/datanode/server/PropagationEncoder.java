package io.replicatedstore.datanode.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns the propagated (db, argv) stream into the RESP bytes a Redis master writes to its
 * replicas and AOF: each command as an array of bulk strings, preceded by {@code SELECT db}
 * whenever the database differs from the last one this encoder emitted. {@link #reset()}
 * forgets that database (after a full sync, or a new AOF), so the next command selects again.
 * Not thread safe; one per consumer.
 */
public final class PropagationEncoder {

    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);

    private int lastDb = -1;
    private long commands;

    /** The RESP for one propagated command, with the SELECT it needs first. */
    public byte[] encode(int db, byte[][] argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        if (db != lastDb) {
            write(out, new byte[][] {SELECT, Integer.toString(db).getBytes(StandardCharsets.US_ASCII)});
            lastDb = db;
            commands++;
        }
        write(out, argv);
        commands++;
        return out.toByteArray();
    }

    /** The next command is preceded by SELECT whatever its database. */
    public void reset() {
        lastDb = -1;
    }

    /** How many commands (SELECTs included) this encoder produced. */
    public long commands() {
        return commands;
    }

    /** Writes one command as a RESP array of bulk strings. */
    public static void write(ByteArrayOutputStream out, byte[][] argv) {
        header(out, '*', argv.length);
        for (byte[] arg : argv) {
            header(out, '$', arg.length);
            out.write(arg, 0, arg.length);
            out.write('\r');
            out.write('\n');
        }
    }

    private static void header(ByteArrayOutputStream out, char type, int length) {
        out.write(type);
        byte[] digits = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
        out.write(digits, 0, digits.length);
        out.write('\r');
        out.write('\n');
    }
}
