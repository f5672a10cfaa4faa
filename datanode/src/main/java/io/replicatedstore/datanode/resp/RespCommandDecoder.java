package io.replicatedstore.datanode.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Turns a client's byte stream into commands ({@code byte[][]} argv): RESP multibulk requests
 * and inline commands, as Redis's processMultibulkBuffer / processInlineBuffer do.
 *
 * <p>Hand-written rather than Netty's codec-redis because it must report Redis's exact protocol
 * errors, apply proto-max-bulk-len and the unauthenticated limits before allocating, support
 * inline quoting, and produce argv arrays without intermediate message objects. Progress through
 * a large request is kept between reads, so a big argument is not re-parsed as it arrives. No
 * allocation is sized by a length the client sent before that length is checked, and bulk
 * payloads are only copied out once fully received.
 */
public final class RespCommandDecoder extends ByteToMessageDecoder {

    /** Redis's PROTO_INLINE_MAX_SIZE: longest inline command or count line. */
    public static final int INLINE_MAX_SIZE = 64 * 1024;
    /** Redis 7.0's limit on the number of arguments in one multibulk request (INT_MAX). */
    public static final int MULTIBULK_MAX = Integer.MAX_VALUE;
    private static final int UNAUTHENTICATED_MULTIBULK_MAX = 10;
    private static final int UNAUTHENTICATED_BULK_MAX = 16384;
    private static final int INITIAL_ARGV = 1024;
    /** Receive buffers up to this size are left as they are. */
    private static final int SHRINK_ABOVE = 64 * 1024;

    private final LongSupplier maxBulkLength;
    private final LongConsumer bytesRead;
    private final LengthParser lengthParser = new LengthParser();
    private boolean authenticated;
    private boolean failed;

    // Progress through the multibulk request being read (argc < 0: none in progress).
    private int argc = -1;
    private byte[][] argv;
    private int argIndex;
    private long bulkLength = -1;
    /** Bytes of the arguments of the request in progress already copied out of the input. */
    private long argBytes;
    private QueryBufferGuard guard;

    /** Told how much input a connection holds before it is parsed (client-query-buffer-limit). */
    public interface QueryBufferGuard {
        /**
         * @param bufferedBytes input held, including what just arrived
         * @param firstBytes    up to the first 64 bytes of it, for the log (copied only when asked:
         *                      this runs on every read)
         * @return true to drop the connection's input from now on (it is being closed)
         */
        boolean overLimit(long bufferedBytes, Supplier<byte[]> firstBytes);
    }

    /**
     * @param maxBulkLength the current proto-max-bulk-len, read per request so CONFIG SET applies at once
     * @param authenticated whether the connection starts authenticated (no requirepass)
     */
    public RespCommandDecoder(LongSupplier maxBulkLength, boolean authenticated) {
        this(maxBulkLength, authenticated, n -> { });
    }

    /** @param bytesRead told how many bytes each read brought (INFO's total_net_input_bytes) */
    public RespCommandDecoder(LongSupplier maxBulkLength, boolean authenticated, LongConsumer bytesRead) {
        this.maxBulkLength = maxBulkLength;
        this.authenticated = authenticated;
        this.bytesRead = bytesRead;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf buf) {
            bytesRead.accept(buf.readableBytes());
            if (guard != null && !failed && guard.overLimit(bufferedBytes() + buf.readableBytes(), () -> firstBytes(buf))) {
                failed = true;
            }
            if (failed) {
                buf.release();
                return;
            }
        }
        super.channelRead(ctx, msg);
        shrinkInput();
    }

    /**
     * Gives back a receive buffer that is mostly room (Redis's query buffer resize): Netty grows
     * it as reads arrive and keeps what the parser consumed until some reads later, so a pipelining
     * client would otherwise hold megabytes it does not need, and they count in used_memory.
     */
    private void shrinkInput() {
        ByteBuf held = internalBuffer();
        int readable = held.readableBytes();
        if (held.capacity() <= SHRINK_ABOVE || readable > held.capacity() / 4 || held.refCnt() != 1) {
            return;
        }
        held.discardReadBytes();
        held.capacity(Math.max(readable * 2, SHRINK_ABOVE / 4));
    }

    public void guard(QueryBufferGuard guard) {
        this.guard = guard;
    }

    /** Input received and not yet part of a command: unparsed bytes and the arguments read so far (qbuf). */
    public long bufferedBytes() {
        return internalBuffer().readableBytes() + argBytes;
    }

    /** Room left in the receive buffer (qbuf-free). */
    public long bufferFree() {
        ByteBuf cumulation = internalBuffer();
        return cumulation.capacity() - cumulation.writerIndex();
    }

    private byte[] firstBytes(ByteBuf arrived) {
        ByteBuf held = internalBuffer();
        ByteBuf from = held.isReadable() ? held : arrived;
        byte[] bytes = new byte[Math.min(64, from.readableBytes())];
        from.getBytes(from.readerIndex(), bytes);
        return bytes;
    }

    public void setAuthenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                Object command = argc >= 0 || in.getByte(in.readerIndex()) == '*'
                        ? decodeMultibulk(in) : decodeInline(in);
                if (command == null) {
                    return;
                }
                if (command != SKIP) {
                    out.add(command);
                }
            }
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            out.add(new ProtocolError(e.getMessage()));
        }
    }

    /** What {@link #decodeOne} returns for input that holds no command (an empty line, {@code *0}). */
    public static final Object SKIP = new Object();

    /**
     * Decodes at most one command from {@code in}, for a caller that reads the stream itself (a
     * replica reading its master's stream, which needs each command's byte length): an argv,
     * {@link #SKIP}, or null when more input is needed. Throws IllegalArgumentException with the
     * protocol error's reason on malformed input.
     */
    public Object decodeOne(ByteBuf in) {
        if (!in.isReadable()) {
            return null;
        }
        try {
            return argc >= 0 || in.getByte(in.readerIndex()) == '*' ? decodeMultibulk(in) : decodeInline(in);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Object decodeInline(ByteBuf in) {
        int eol = in.forEachByte(ByteProcessor.FIND_LF);
        if (eol < 0) {
            if (in.readableBytes() > INLINE_MAX_SIZE) {
                throw new ProtocolException("too big inline request");
            }
            return null;
        }
        int length = eol - in.readerIndex();
        if (length > INLINE_MAX_SIZE) {
            throw new ProtocolException("too big inline request");
        }
        byte[] line = new byte[length];
        in.readBytes(line);
        in.skipBytes(1);
        int end = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        byte[][] args = InlineSplitter.split(line, end);
        if (args == null) {
            throw new ProtocolException("unbalanced quotes in request");
        }
        return args.length == 0 ? SKIP : args;
    }

    private Object decodeMultibulk(ByteBuf in) {
        if (argc < 0) {
            long count = readLengthLine(in, "too big mbulk count string");
            if (count == Long.MIN_VALUE) {
                return null;
            }
            if (count > MULTIBULK_MAX) {
                throw new ProtocolException("invalid multibulk length");
            }
            if (!authenticated && count > UNAUTHENTICATED_MULTIBULK_MAX) {
                throw new ProtocolException("unauthenticated multibulk length");
            }
            if (count <= 0) {
                return SKIP;
            }
            argc = (int) count;
            argv = new byte[Math.min(argc, INITIAL_ARGV)][];
            argIndex = 0;
        }
        while (argIndex < argc) {
            if (bulkLength < 0) {
                if (!in.isReadable()) {
                    return null;
                }
                byte type = in.getByte(in.readerIndex());
                if (type != '$') {
                    if (in.forEachByte(ByteProcessor.FIND_LF) < 0 && in.readableBytes() <= INLINE_MAX_SIZE) {
                        return null;
                    }
                    throw new ProtocolException("expected '$', got '" + (char) (type & 0xff) + "'");
                }
                long length = readLengthLine(in, "too big bulk count string");
                if (length == Long.MIN_VALUE) {
                    return null;
                }
                if (length < 0 || length > maxBulkLength.getAsLong()) {
                    throw new ProtocolException("invalid bulk length");
                }
                if (!authenticated && length > UNAUTHENTICATED_BULK_MAX) {
                    throw new ProtocolException("unauthenticated bulk length");
                }
                bulkLength = length;
            }
            if (in.readableBytes() < bulkLength + 2) {
                return null;
            }
            byte[] arg = new byte[(int) bulkLength];
            in.readBytes(arg);
            in.skipBytes(2);
            if (argIndex == argv.length) {
                argv = Arrays.copyOf(argv, Math.min(argc, argv.length * 2));
            }
            argv[argIndex++] = arg;
            argBytes += arg.length;
            bulkLength = -1;
        }
        byte[][] command = argv.length == argc ? argv : Arrays.copyOf(argv, argc);
        argc = -1;
        argv = null;
        argBytes = 0;
        return command;
    }

    /**
     * Reads a "*<n>\r\n" or "$<n>\r\n" line in one pass over the bytes. Returns Long.MIN_VALUE if
     * the line is not complete yet.
     */
    private long readLengthLine(ByteBuf in, String tooBig) {
        byte kind = in.getByte(in.readerIndex());
        lengthParser.reset();
        int eol = in.hasArray() ? scanArray(in, in.readerIndex() + 1)
                : in.forEachByte(in.readerIndex() + 1, in.readableBytes() - 1, lengthParser);
        if (eol < 0) {
            if (in.readableBytes() > INLINE_MAX_SIZE) {
                throw new ProtocolException(tooBig);
            }
            return Long.MIN_VALUE;
        }
        if (eol - in.readerIndex() > INLINE_MAX_SIZE) {
            throw new ProtocolException(tooBig);
        }
        if (eol + 1 >= in.writerIndex()) {
            return Long.MIN_VALUE; // the '\n' has not arrived yet
        }
        in.readerIndex(eol + 2);
        long value = lengthParser.value();
        if (value == Long.MIN_VALUE) {
            throw new ProtocolException(kind == '*' ? "invalid multibulk length" : "invalid bulk length");
        }
        return value;
    }

    /**
     * {@code forEachByte(from, ..., lengthParser)} over a heap buffer's array (a replica's link
     * to its master): Netty's loop calls a processor it has seen of several kinds, so it cannot
     * inline this one; in a replica's profile these lines were two thirds of the decoding.
     */
    private int scanArray(ByteBuf in, int from) {
        byte[] bytes = in.array();
        int base = in.arrayOffset();
        for (int i = from, end = in.writerIndex(); i < end; i++) {
            if (!lengthParser.process(bytes[base + i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses the decimal of a length line up to its '\r' as Redis's string2ll would accept it
     * (optional '-', digits, at most 19 of them); value() is Long.MIN_VALUE when it is not one.
     */
    private static final class LengthParser implements ByteProcessor {
        private long value;
        private int length;
        private boolean negative;
        private boolean invalid;

        void reset() {
            value = 0;
            length = 0;
            negative = false;
            invalid = false;
        }

        @Override
        public boolean process(byte b) {
            if (b == '\r') {
                return false;
            }
            if (length == 0 && b == '-') {
                negative = true;
            } else if (b >= '0' && b <= '9' && length < 20) {
                value = value * 10 + (b - '0');
            } else {
                invalid = true;
            }
            length++;
            return true;
        }

        long value() {
            int digits = negative ? length - 1 : length;
            if (invalid || digits <= 0 || digits > 19 || value < 0) {
                return Long.MIN_VALUE;
            }
            return negative ? -value : value;
        }
    }

    /** A malformed request; its message is the reason after "Protocol error: ". */
    static final class ProtocolException extends RuntimeException {
        ProtocolException(String reason) {
            super(reason, null, false, false);
        }
    }
}
