package io.replicatedstore.datanode.replication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * The two ways a master frames the RDB it sends to a replica:
 * <ul>
 *   <li>disk-based, length known up front: {@code $<len>\r\n<len bytes>};</li>
 *   <li>diskless, length unknown while streaming: {@code $EOF:<mark>\r\n<bytes><mark>}, where the mark
 *       is 40 random hex characters (hex, so the header stays a text line) repeated after the payload.</li>
 * </ul>
 * While the RDB is being produced the master may send bare {@code \n} keepalives before the header.
 */
public final class RdbTransferFraming {

    /** RDB_EOF_MARK_SIZE. */
    public static final int EOF_MARK_LENGTH = 40;
    /** Longest header line accepted; a real one is at most {@code $EOF:} + 40 + CRLF. */
    static final int MAX_HEADER_LENGTH = 256;

    private RdbTransferFraming() {
    }

    /** {@code $<length>\r\n} for a disk-based transfer. */
    public static byte[] lengthHeader(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        return ("$" + length + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh 40-byte mark of random lowercase hex characters. */
    public static byte[] newEofMark(Random random) {
        return ReplicationIds.randomReplid(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code $EOF:<mark>\r\n} for a diskless transfer. */
    public static byte[] eofHeader(byte[] mark) {
        checkMark(mark);
        byte[] out = new byte[5 + EOF_MARK_LENGTH + 2];
        System.arraycopy("$EOF:".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 5);
        System.arraycopy(mark, 0, out, 5, EOF_MARK_LENGTH);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /** What follows the payload in a diskless transfer: the same mark again. */
    public static byte[] eofTrailer(byte[] mark) {
        checkMark(mark);
        return mark.clone();
    }

    private static void checkMark(byte[] mark) {
        if (mark.length != EOF_MARK_LENGTH) {
            throw new IllegalArgumentException("EOF mark must be " + EOF_MARK_LENGTH + " bytes");
        }
        for (byte b : mark) {
            if (b == '\r' || b == '\n') {
                throw new IllegalArgumentException("EOF mark must not contain CR or LF");
            }
        }
    }

    /**
     * Replica-side incremental parser. Feed socket reads in any chunking; payload bytes go to the
     * consumer (never the header, keepalives or the trailing mark). Once {@link #isComplete()}, bytes
     * after the transfer (the start of the command stream) are left unconsumed for the caller.
     *
     * <p>For the EOF form the payload ends at the first occurrence of the mark. Redis only compares
     * the last 40 bytes of each read; checking at every position makes the result independent of how
     * the stream was chunked, and a false match of 40 random hex chars is negligible.
     */
    public static final class Parser {

        private enum State { HEADER, PAYLOAD, DONE, FAILED }

        private static final byte[] NOTHING = new byte[0];

        private final ByteChunkConsumer consumer;
        private State state = State.HEADER;
        private final byte[] line = new byte[MAX_HEADER_LENGTH];
        private int lineLength;
        /** Bytes still expected in the length form; -1 for the EOF form. */
        private long remaining = -1;
        private long expectedLength = -1;
        private byte[] mark;
        /** Horspool's shift per byte value: how far the mark may move when that byte ends the window. */
        private int[] shift;
        /** EOF form: newest received bytes not yet delivered, since they may begin the mark. */
        private byte[] held = NOTHING;
        private long payloadBytes;

        public Parser(ByteChunkConsumer consumer) {
            this.consumer = Objects.requireNonNull(consumer, "consumer");
        }

        /**
         * Consumes bytes, returning how many were used: all of {@code len} unless the transfer
         * completed inside this chunk.
         *
         * @throws RdbFramingException on a malformed header or an error reply from the master
         */
        public int feed(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (state == State.FAILED) {
                throw new IllegalStateException("parser already failed");
            }
            int pos = off;
            int end = off + len;
            while (pos < end && state == State.HEADER) {
                pos = feedHeader(b, pos, end);
            }
            if (pos < end && state == State.PAYLOAD) {
                pos = mark == null ? feedCounted(b, pos, end) : feedMarked(b, pos, end);
            }
            return pos - off;
        }

        public int feed(byte[] b) throws IOException {
            return feed(b, 0, b.length);
        }

        public boolean isComplete() {
            return state == State.DONE;
        }

        /** Whether the header has been read. */
        public boolean headerRead() {
            return state == State.PAYLOAD || state == State.DONE;
        }

        /** True for the diskless {@code $EOF:} form (only meaningful once {@link #headerRead()}). */
        public boolean isEofMarked() {
            return mark != null;
        }

        /** Announced payload length for the {@code $<len>} form, -1 otherwise or before the header. */
        public long expectedLength() {
            return expectedLength;
        }

        /** Payload bytes delivered to the consumer so far. */
        public long payloadBytes() {
            return payloadBytes;
        }

        private int feedHeader(byte[] b, int pos, int end) {
            while (pos < end) {
                byte c = b[pos++];
                if (c == '\n') {
                    finishLine();
                    return pos;
                }
                if (lineLength == line.length) {
                    throw fail("RDB transfer header longer than " + MAX_HEADER_LENGTH + " bytes");
                }
                line[lineLength++] = c;
            }
            return pos;
        }

        private void finishLine() {
            int n = lineLength;
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
            lineLength = 0;
            if (n == 0) {
                return; // keepalive newline sent while the master is still producing the RDB
            }
            String text = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            if (line[0] == '-') {
                throw fail("master replied with an error during sync: " + text);
            }
            if (line[0] != '$') {
                throw fail("bad RDB transfer header, first byte is not '$': " + text);
            }
            if (text.startsWith("$EOF:")) {
                String m = text.substring(5);
                if (m.length() != EOF_MARK_LENGTH) {
                    throw fail("bad RDB transfer header, EOF mark must be " + EOF_MARK_LENGTH
                            + " bytes: " + text);
                }
                mark = m.getBytes(StandardCharsets.ISO_8859_1);
                shift = new int[256];
                Arrays.fill(shift, EOF_MARK_LENGTH);
                for (int i = 0; i < EOF_MARK_LENGTH - 1; i++) {
                    shift[mark[i] & 0xff] = EOF_MARK_LENGTH - 1 - i;
                }
            } else {
                expectedLength = parseLength(text);
                remaining = expectedLength;
            }
            state = State.PAYLOAD;
            if (remaining == 0) {
                state = State.DONE;
            }
        }

        private long parseLength(String text) {
            String digits = text.substring(1);
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
                throw fail("bad RDB transfer header, invalid length: " + text);
            }
            return Long.parseLong(digits);
        }

        private int feedCounted(byte[] b, int pos, int end) throws IOException {
            int n = (int) Math.min(end - pos, remaining);
            deliver(b, pos, n);
            remaining -= n;
            if (remaining == 0) {
                state = State.DONE;
            }
            return pos + n;
        }

        private int feedMarked(byte[] b, int pos, int end) throws IOException {
            int n = end - pos;
            if (n < EOF_MARK_LENGTH - 1) {
                return feedMarkedThroughWindow(b, pos, end); // a mark may begin in held and end past this chunk
            }
            if (held.length > 0) {
                // A mark that begins in the held bytes ends within the chunk's first 39 bytes.
                byte[] seam = new byte[held.length + EOF_MARK_LENGTH - 1];
                System.arraycopy(held, 0, seam, 0, held.length);
                System.arraycopy(b, pos, seam, held.length, EOF_MARK_LENGTH - 1);
                int at = indexOfMark(seam, 0, seam.length);
                if (at >= 0 && at < held.length) {
                    deliver(seam, 0, at);
                    int used = at + EOF_MARK_LENGTH - held.length;
                    held = NOTHING;
                    state = State.DONE;
                    return pos + used;
                }
                deliver(held, 0, held.length);
                held = NOTHING;
            }
            // Searched in place: a transfer is tens of MB, seen once.
            int at = indexOfMark(b, pos, end);
            if (at >= 0) {
                deliver(b, pos, at - pos);
                state = State.DONE;
                return at + EOF_MARK_LENGTH;
            }
            int keep = EOF_MARK_LENGTH - 1;
            deliver(b, pos, n - keep);
            held = Arrays.copyOfRange(b, end - keep, end);
            return end;
        }

        private int feedMarkedThroughWindow(byte[] b, int pos, int end) throws IOException {
            int n = end - pos;
            byte[] window = new byte[held.length + n];
            System.arraycopy(held, 0, window, 0, held.length);
            System.arraycopy(b, pos, window, held.length, n);
            int at = indexOfMark(window, 0, window.length);
            if (at >= 0) {
                deliver(window, 0, at);
                held = NOTHING;
                state = State.DONE;
                // Bytes of this chunk used: up to the end of the mark, minus those carried over.
                return pos + (at + EOF_MARK_LENGTH - (window.length - n));
            }
            // Anything that could still be the start of the mark must be held back.
            int keep = Math.min(window.length, EOF_MARK_LENGTH - 1);
            deliver(window, 0, window.length - keep);
            held = Arrays.copyOfRange(window, window.length - keep, window.length);
            return end;
        }

        /**
         * The first index in {@code b[from, to)} where the whole mark starts, or -1. Horspool's
         * search: the byte under the window's end says how far the mark can move, up to its whole
         * length (40) at a time, so the payload is not compared byte by byte.
         */
        private int indexOfMark(byte[] b, int from, int to) {
            int last = EOF_MARK_LENGTH - 1;
            byte end = mark[last];
            outer:
            for (int i = from; i + EOF_MARK_LENGTH <= to; i += shift[b[i + last] & 0xff]) {
                if (b[i + last] != end) {
                    continue;
                }
                for (int j = 0; j < last; j++) {
                    if (b[i + j] != mark[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        private void deliver(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                payloadBytes += len;
                consumer.accept(b, off, len);
            }
        }

        private RdbFramingException fail(String message) {
            state = State.FAILED;
            return new RdbFramingException(message);
        }
    }
}
