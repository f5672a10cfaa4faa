package io.replicatedstore.datanode.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal blocking RESP2/RESP3 client for tests that need to see exact replies. Replies are
 * decoded to: String (simple strings and bulk strings, UTF-8), {@link Error} (error replies),
 * Long (integers), null (nulls), List (arrays and pushes), Map (RESP3 maps), Set (RESP3 sets),
 * Double (RESP3 doubles), Boolean (RESP3 booleans), {@link Verbatim} (RESP3 verbatim text).
 */
public final class RespClient implements AutoCloseable {

    /** An error reply; {@code message} is the line without the leading '-'. */
    public record Error(String message) {
        @Override
        public String toString() {
            return "-" + message;
        }
    }

    /** A RESP3 verbatim string. */
    public record Verbatim(String format, String text) {
    }

    /** A RESP3 push (">" type); RESP2 pushes arrive as plain lists. */
    public record Push(List<Object> items) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RespClient connect(int port) {
        try {
            return new RespClient(new Socket(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** While callBytes reads its reply: bulk strings come back as byte[]. */
    private boolean rawBulk;

    /** Sends a command and returns its reply. */
    public Object call(Object... args) {
        send(args);
        return read();
    }

    /** Sends a command whose reply is a bulk string and returns its bytes (binary values). */
    public byte[] callBytes(Object... args) {
        send(args);
        rawBulk = true;
        try {
            Object reply = read();
            return reply instanceof byte[] bytes ? bytes : null;
        } finally {
            rawBulk = false;
        }
    }

    /** Sends a command without reading the reply (pipelining, blocking commands). */
    public void send(Object... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            buf.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Object arg : args) {
                byte[] bytes = arg instanceof byte[] b ? b : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
                buf.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                buf.write(bytes);
                buf.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            sendRaw(buf.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendRaw(String text) {
        sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    public void timeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one reply. */
    public Object read() {
        try {
            return readReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection (reads until end of stream or timeout). */
    public boolean isClosedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed by server");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new Error(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length >= 0 && rawBulk) {
                    return readBytes(length);
                }
                return length < 0 ? null : new String(readBytes(length), StandardCharsets.UTF_8);
            }
            case '=': {
                String text = new String(readBytes(Integer.parseInt(line)), StandardCharsets.UTF_8);
                return new Verbatim(text.substring(0, 3), text.substring(4));
            }
            case '*': {
                int count = Integer.parseInt(line);
                return count < 0 ? null : readList(count);
            }
            case '>':
                return new Push(readList(Integer.parseInt(line)));
            case '~': {
                Set<Object> set = new LinkedHashSet<>(readList(Integer.parseInt(line)));
                return set;
            }
            case '%': {
                int count = Integer.parseInt(line);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    map.put(readReply(), readReply());
                }
                return map;
            }
            case '_':
                return null;
            case ',':
                return switch (line) {
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(line);
                };
            case '#':
                return line.equals("t");
            case '(':
                return new java.math.BigInteger(line);
            default:
                throw new IOException("unexpected reply type '" + (char) type + "' " + line);
        }
    }

    private List<Object> readList(int count) throws IOException {
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(readReply());
        }
        return items;
    }

    private byte[] readBytes(int length) throws IOException {
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw new IOException("connection closed mid-reply");
        }
        if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("bulk string not terminated by CRLF");
        }
        return data;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed mid-line");
            }
            line.write(c);
        }
        if (in.read() != '\n') {
            throw new IOException("line not terminated by CRLF");
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection
        }
    }
}
