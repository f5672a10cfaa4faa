package io.replicatedstore.datanode.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Encodes replies into a client's output buffer in the client's protocol (RESP2 or RESP3),
 * choosing the RESP2 fallback for RESP3-only types as Redis does (maps as flat arrays, doubles
 * as bulk strings, booleans as integers, nulls as $-1 or *-1).
 *
 * <p>A writer with no allocator discards everything: used for commands replayed from the AOF or
 * the master's stream, whose replies nobody reads.
 */
public final class RespWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int SHARED_INTEGERS = 10_000;
    /** Sized after the last pass, but never more than this up front (grown on demand as usual). */
    private static final int MAX_INITIAL_CAPACITY = 64 * 1024;
    private static final byte[][] INTEGER_LINES = new byte[SHARED_INTEGERS][];
    private static final byte[][] BULK_HEADERS = new byte[SHARED_INTEGERS][];

    static {
        for (int i = 0; i < SHARED_INTEGERS; i++) {
            INTEGER_LINES[i] = (":" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
            BULK_HEADERS[i] = ("$" + i + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private final ByteBufAllocator allocator;
    private final byte[] scratch = new byte[20];
    private ByteBuf buffer;
    /** How much the last buffer held: a replica's stream or a pipeline fills about as much each pass. */
    private int lastTaken;
    private int protocol = 2;
    /** How many buffers were taken: a mark from before a take() no longer applies. */
    private int takes;

    public RespWriter(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** A writer whose output goes nowhere. */
    public static RespWriter discarding() {
        return new RespWriter(null);
    }

    public int protocol() {
        return protocol;
    }

    public void protocol(int protocol) {
        this.protocol = protocol;
    }

    public boolean isResp3() {
        return protocol == 3;
    }

    /** Hands over what was written since the last call, or null if nothing was. */
    public ByteBuf take() {
        ByteBuf out = buffer;
        buffer = null;
        if (out == DiscardBuffer.INSTANCE) {
            return null;
        }
        lastTaken = out == null ? 0 : out.readableBytes();
        takes++;
        return out;
    }

    /** Where the output stands, for {@link #rewind} to drop a reply that could not be finished. */
    public long mark() {
        return ((long) takes << 32) | pendingBytes();
    }

    /**
     * Drops what was written since {@code mark}; false if part of it was already taken for
     * sending, so the client's reply stream cannot be made whole again.
     */
    public boolean rewind(long mark) {
        if ((int) (mark >>> 32) != takes) {
            return false;
        }
        if (buffer != null && buffer != DiscardBuffer.INSTANCE) {
            buffer.writerIndex(buffer.readerIndex() + (int) mark);
        }
        return true;
    }

    /** Bytes written and not yet taken. */
    public int pendingBytes() {
        return buffer == null ? 0 : buffer.readableBytes();
    }

    public void release() {
        if (buffer != null && buffer != DiscardBuffer.INSTANCE) { // the shared discard buffer is never freed
            buffer.release();
        }
        buffer = null;
    }

    private ByteBuf out() {
        if (buffer == null) {
            buffer = allocator == null ? DiscardBuffer.INSTANCE
                    : allocator.directBuffer(Math.min(Math.max(256, lastTaken), MAX_INITIAL_CAPACITY));
        }
        return buffer == DiscardBuffer.INSTANCE ? buffer.clear() : buffer;
    }

    public RespWriter ok() {
        out().writeBytes(OK);
        return this;
    }

    public RespWriter simple(String status) {
        ByteBuf b = out();
        b.writeByte('+');
        b.writeCharSequence(status, StandardCharsets.UTF_8);
        b.writeBytes(CRLF);
        return this;
    }

    /** An error reply; the message starts with its code, e.g. "ERR syntax error". */
    public RespWriter error(String message) {
        ByteBuf b = out();
        b.writeByte('-');
        // An error is one line: Redis replaces newlines so the reply stays well formed.
        b.writeCharSequence(message.replace('\r', ' ').replace('\n', ' '), StandardCharsets.UTF_8);
        b.writeBytes(CRLF);
        return this;
    }

    public RespWriter integer(long value) {
        ByteBuf b = out();
        if (value >= 0 && value < SHARED_INTEGERS) {
            b.writeBytes(INTEGER_LINES[(int) value]);
        } else {
            b.writeByte(':');
            writeDecimal(b, value);
            b.writeBytes(CRLF);
        }
        return this;
    }

    public RespWriter bulk(byte[] value) {
        if (value == null) {
            return nullBulk();
        }
        ByteBuf b = out();
        writeHeader(b, '$', value.length);
        b.writeBytes(value);
        b.writeBytes(CRLF);
        return this;
    }

    public RespWriter bulk(String value) {
        return value == null ? nullBulk() : bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    public RespWriter bulk(long value) {
        return bulk(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }

    /** The null reply for a missing string: $-1 in RESP2, _ in RESP3. */
    public RespWriter nullBulk() {
        out().writeBytes(protocol == 3 ? NULL3 : NULL_BULK);
        return this;
    }

    /** The null reply for a missing aggregate: *-1 in RESP2, _ in RESP3. */
    public RespWriter nullArray() {
        out().writeBytes(protocol == 3 ? NULL3 : NULL_ARRAY);
        return this;
    }

    public RespWriter array(int length) {
        writeHeader(out(), '*', length);
        return this;
    }

    /** A map of {@code pairs} key/value pairs: %n in RESP3, a flat array of 2n in RESP2. */
    public RespWriter map(int pairs) {
        if (protocol == 3) {
            writeHeader(out(), '%', pairs);
        } else {
            writeHeader(out(), '*', pairs * 2);
        }
        return this;
    }

    /** A set: ~n in RESP3, an array in RESP2. */
    public RespWriter set(int length) {
        writeHeader(out(), protocol == 3 ? '~' : '*', length);
        return this;
    }

    /** An out-of-band push (pub/sub messages): >n in RESP3, an array in RESP2. */
    public RespWriter push(int length) {
        writeHeader(out(), protocol == 3 ? '>' : '*', length);
        return this;
    }

    /** A double: ,d in RESP3, a bulk string in RESP2, formatted as Redis 7.0 does (%.17g). */
    public RespWriter doubleValue(double value) {
        String text = DoubleFormat.reply(value);
        if (protocol == 3) {
            ByteBuf b = out();
            b.writeByte(',');
            b.writeCharSequence(text, StandardCharsets.US_ASCII);
            b.writeBytes(CRLF);
            return this;
        }
        return bulk(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A boolean: #t/#f in RESP3, :1/:0 in RESP2. */
    public RespWriter bool(boolean value) {
        if (protocol == 3) {
            out().writeBytes((value ? "#t\r\n" : "#f\r\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }
        return integer(value ? 1 : 0);
    }

    /** Verbatim text (INFO, CLIENT LIST): =len\r\ntxt:... in RESP3, a bulk string in RESP2. */
    public RespWriter verbatim(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (protocol != 3) {
            return bulk(bytes);
        }
        ByteBuf b = out();
        writeHeader(b, '=', bytes.length + 4);
        b.writeCharSequence("txt:", StandardCharsets.US_ASCII);
        b.writeBytes(bytes);
        b.writeBytes(CRLF);
        return this;
    }

    public RespWriter bulks(Collection<byte[]> values) {
        array(values.size());
        for (byte[] value : values) {
            bulk(value);
        }
        return this;
    }

    /** Bytes that are already RESP (e.g. a reply prepared elsewhere). */
    public RespWriter raw(byte[] resp) {
        out().writeBytes(resp);
        return this;
    }

    public RespWriter raw(byte[] resp, int off, int len) {
        out().writeBytes(resp, off, len);
        return this;
    }

    private void writeHeader(ByteBuf b, char type, long length) {
        if (type == '$' && length >= 0 && length < SHARED_INTEGERS) {
            b.writeBytes(BULK_HEADERS[(int) length]);
            return;
        }
        b.writeByte(type);
        writeDecimal(b, length);
        b.writeBytes(CRLF);
    }

    private void writeDecimal(ByteBuf b, long value) {
        if (value == Long.MIN_VALUE) {
            b.writeCharSequence(Long.toString(value), StandardCharsets.US_ASCII);
            return;
        }
        // Digits are produced backwards into a scratch array, then copied in one write.
        byte[] digits = scratch;
        int at = digits.length;
        boolean negative = value < 0;
        long v = negative ? -value : value;
        do {
            digits[--at] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        if (negative) {
            digits[--at] = '-';
        }
        b.writeBytes(digits, at, digits.length - at);
    }

}
