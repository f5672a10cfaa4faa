package io.replicatedstore.datanode.scripting;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses complete RESP2/RESP3 replies, as the server wrote them, back into {@link Reply} values. */
public final class ReplyParser {

    private ReplyParser() {
    }

    /** Reads one reply from {@code in}; the buffer holds whole replies only (they are our own output). */
    public static Reply parse(ByteBuf in) {
        byte type = in.readByte();
        String line = line(in);
        return switch (type) {
            case '+' -> new Reply.Status(line);
            case '-' -> new Reply.Error(line);
            case ':' -> new Reply.Int(Long.parseLong(line));
            case '$' -> bulk(in, Integer.parseInt(line));
            case '*' -> aggregate(in, Integer.parseInt(line), Reply.Array.Kind.ARRAY);
            case '~' -> aggregate(in, Integer.parseInt(line), Reply.Array.Kind.SET);
            case '>' -> aggregate(in, Integer.parseInt(line), Reply.Array.Kind.PUSH);
            case '%' -> map(in, Integer.parseInt(line));
            case ',' -> new Reply.Double(parseDouble(line));
            case '#' -> new Reply.Bool(line.equals("t"));
            case '_' -> new Reply.Null();
            case '(' -> new Reply.BigNumber(line);
            case '=' -> verbatim(in, Integer.parseInt(line));
            default -> throw new IllegalStateException("not a RESP type: " + (char) type);
        };
    }

    private static Reply bulk(ByteBuf in, int length) {
        if (length < 0) {
            return new Reply.Bulk(null);
        }
        byte[] value = new byte[length];
        in.readBytes(value);
        in.skipBytes(2);
        return new Reply.Bulk(value);
    }

    private static Reply aggregate(ByteBuf in, int count, Reply.Array.Kind kind) {
        if (count < 0) {
            return new Reply.Array(null, kind);
        }
        List<Reply> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            elements.add(parse(in));
        }
        return new Reply.Array(elements, kind);
    }

    private static Reply map(ByteBuf in, int pairs) {
        List<Reply> elements = new ArrayList<>(pairs * 2);
        for (int i = 0; i < pairs * 2; i++) {
            elements.add(parse(in));
        }
        return new Reply.Map(elements);
    }

    private static Reply verbatim(ByteBuf in, int length) {
        byte[] all = new byte[length];
        in.readBytes(all);
        in.skipBytes(2);
        byte[] text = new byte[Math.max(0, length - 4)];
        System.arraycopy(all, 4, text, 0, text.length);
        return new Reply.Verbatim(new String(all, 0, 3, StandardCharsets.US_ASCII), text);
    }

    private static double parseDouble(String text) {
        return switch (text) {
            case "inf" -> java.lang.Double.POSITIVE_INFINITY;
            case "-inf" -> java.lang.Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> java.lang.Double.NaN;
            default -> java.lang.Double.parseDouble(text);
        };
    }

    private static String line(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
        String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(end + 2);
        return line;
    }
}
