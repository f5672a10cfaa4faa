package io.replicatedstore.datanode.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Encodes replies into a client's output buffer in the client's protocol (RESP2 or RESP3),
 * choosing the RESP2 fallback for RESP3-only types as Redis does (maps as flat arrays, doubles
 * as bulk strings, booleans as integers, nulls as $-1 or *-1).
 *
 * <p>Output is kept as a list of chunks, as Redis's reply list: a chunk is never grown past
 * {@link #CHUNK_BYTES} (a large reply gets a chunk of its own size), so a pipeline of large
 * replies costs one copy of each, not the repeated copy of one ever-growing buffer (1,500 GETs
 * of 1 MB spent minutes reallocating a 1.5 GB buffer and stalled every client).
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
    /** A chunk grows on demand up to this; a write that does not fit starts a new chunk. */
    static final int CHUNK_BYTES = 64 * 1024;
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
    /** Chunks filled before {@link #buffer}, oldest first; null while there are none. */
    private List<ByteBuf> full;
    private long fullBytes;
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
        if (full != null) {
            // Several chunks leave as one composite buffer: no copy, one gathering write.
            CompositeByteBuf all = allocator.compositeDirectBuffer(full.size() + 1);
            all.addComponents(true, full);
            if (out != null) {
                all.addComponent(true, out);
            }
            full = null;
            fullBytes = 0;
            out = all;
        }
        takes++;
        lastTaken = out == null ? 0 : (int) Math.min(out.readableBytes(), MAX_INITIAL_CAPACITY);
        return out;
    }

    /** Where the output stands, for {@link #rewind} to drop a reply that could not be finished. */
    public long mark() {
        return ((long) (takes & 0xFFFFFF) << 40) | pendingBytes();
    }

    /**
     * Drops what was written since {@code mark}; false if part of it was already taken for
     * sending, so the client's reply stream cannot be made whole again.
     */
    public boolean rewind(long mark) {
        if ((int) (mark >>> 40) != (takes & 0xFFFFFF)) {
            return false;
        }
        long excess = pendingBytes() - (mark & ((1L << 40) - 1));
        while (excess > 0 && buffer != null && buffer != DiscardBuffer.INSTANCE) {
            int readable = buffer.readableBytes();
            if (excess < readable) {
                buffer.writerIndex(buffer.writerIndex() - (int) excess);
                return true;
            }
            excess -= readable;
            buffer.release();
            buffer = full == null ? null : full.remove(full.size() - 1);
            if (buffer != null) {
                fullBytes -= buffer.readableBytes();
            }
            if (full != null && full.isEmpty()) {
                full = null;
            }
        }
        return true;
    }

    /** Bytes written and not yet taken. */
    public long pendingBytes() {
        return fullBytes + (buffer == null || buffer == DiscardBuffer.INSTANCE ? 0 : buffer.readableBytes());
    }

    /** Buffers holding the bytes not yet taken (CLIENT LIST's oll counts the reply list's nodes). */
    public int pendingChunks() {
        return (full == null ? 0 : full.size()) + (buffer == null || buffer == DiscardBuffer.INSTANCE ? 0 : 1);
    }

    public void release() {
        if (buffer != null && buffer != DiscardBuffer.INSTANCE) { // the shared discard buffer is never freed
            buffer.release();
        }
        buffer = null;
        if (full != null) {
            full.forEach(ByteBuf::release);
            full = null;
            fullBytes = 0;
        }
    }

    private ByteBuf out() {
        return out(24); // the longest integer line or header
    }

    /** The buffer to write {@code bytes} more into: the current chunk, or a new one when it would outgrow a chunk. */
    private ByteBuf out(int bytes) {
        if (buffer == null) {
            buffer = allocator == null ? DiscardBuffer.INSTANCE
                    : allocator.directBuffer(Math.max(bytes, Math.min(Math.max(256, lastTaken), MAX_INITIAL_CAPACITY)));
        } else if (buffer != DiscardBuffer.INSTANCE && buffer.writableBytes() < bytes
                && buffer.readableBytes() + bytes > CHUNK_BYTES) {
            if (full == null) {
                full = new ArrayList<>();
            }
            full.add(buffer);
            fullBytes += buffer.readableBytes();
            buffer = allocator.directBuffer(Math.max(bytes, CHUNK_BYTES));
        }
        return buffer == DiscardBuffer.INSTANCE ? buffer.clear() : buffer;
    }

    public RespWriter ok() {
        out().writeBytes(OK);
        return this;
    }

    public RespWriter simple(String status) {
        ByteBuf b = out(status.length() * 3 + 3);
        b.writeByte('+');
        b.writeCharSequence(status, StandardCharsets.UTF_8);
        b.writeBytes(CRLF);
        return this;
    }

    /** An error reply; the message starts with its code, e.g. "ERR syntax error". */
    public RespWriter error(String message) {
        ByteBuf b = out(message.length() * 3 + 3);
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
        ByteBuf b = out(value.length + 24);
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
            ByteBuf b = out(text.length() + 3);
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
        ByteBuf b = out(bytes.length + 28);
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
        out(resp.length).writeBytes(resp);
        return this;
    }

    public RespWriter raw(byte[] resp, int off, int len) {
        out(len).writeBytes(resp, off, len);
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
