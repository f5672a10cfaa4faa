package io.replicatedstore.datanode.store;

import java.nio.charset.StandardCharsets;

/**
 * A stream entry id: milliseconds and a sequence number, both unsigned 64-bit, ordered as one
 * 128-bit number (Redis's streamID).
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    public static final StreamId MIN = new StreamId(0, 0);
    public static final StreamId MAX = new StreamId(-1L, -1L);

    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compareUnsigned(ms, other.ms);
        return byMs != 0 ? byMs : Long.compareUnsigned(seq, other.seq);
    }

    public boolean isMin() {
        return ms == 0 && seq == 0;
    }

    /** The next id in order, or null after MAX. */
    public StreamId next() {
        if (seq != -1L) {
            return new StreamId(ms, seq + 1);
        }
        return ms == -1L ? null : new StreamId(ms + 1, 0);
    }

    /** The previous id in order, or null before MIN. */
    public StreamId previous() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        return ms == 0 ? null : new StreamId(ms - 1, -1L);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }

    public byte[] toBytes() {
        return toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * An id as Redis's streamParseID reads it: "ms" or "ms-seq" (unsigned decimal), with the
     * sequence {@code missingSeq} when absent; null when malformed. "-" and "+" are not handled
     * here (their meaning depends on the command).
     */
    public static StreamId parse(byte[] text, long missingSeq) {
        int dash = -1;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '-') {
                dash = i;
                break;
            }
        }
        if (text.length > 127) {
            return null;
        }
        if (dash < 0) {
            Long ms = unsigned(text, 0, text.length);
            return ms == null ? null : new StreamId(ms, missingSeq);
        }
        Long ms = unsigned(text, 0, dash);
        Long seq = unsigned(text, dash + 1, text.length);
        return ms == null || seq == null ? null : new StreamId(ms, seq);
    }

    /** An unsigned 64-bit decimal of digits only (Redis's string2ull, minus strtoull's leniency). */
    static Long unsigned(byte[] text, int from, int to) {
        if (from >= to || to - from > 20) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (text[i] < '0' || text[i] > '9') {
                return null;
            }
        }
        try {
            return Long.parseUnsignedLong(new String(text, from, to - from, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
