package io.replicatedstore.datanode.replication;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted master for fault tests no real master can stage on demand: it answers a replica's
 * handshake and PSYNC with {@code +FULLRESYNC}, then sends the first connection only part of a
 * real RDB (in the {@code $<len>} or the diskless {@code $EOF:<mark>} framing) and drops it.
 * Later connections wait for {@link #release()} and then get the whole RDB and stay open.
 */
final class FakeMaster implements AutoCloseable {

    static final String REPLID = "0123456789abcdef0123456789abcdef01234567";
    private static final byte[] MARK = "fake-master-eof-mark-0123456789abcdef012".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final byte[] rdb;
    private final byte[] firstRdb;
    private final int truncatedLength;
    private final boolean eofFraming;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Every command the replica sent, as words, in order. */
    final List<List<String>> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    FakeMaster(byte[] rdb, int truncatedLength, boolean eofFraming) throws IOException {
        this(rdb, rdb, truncatedLength, eofFraming);
    }

    /** The first connection gets {@code truncatedLength} bytes of {@code firstRdb} (a corrupt one, say), the later ones {@code rdb}. */
    FakeMaster(byte[] firstRdb, byte[] rdb, int truncatedLength, boolean eofFraming) throws IOException {
        this.firstRdb = firstRdb;
        this.rdb = rdb;
        this.truncatedLength = truncatedLength;
        this.eofFraming = eofFraming;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "fake-master");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Lets the connections after the first one have the whole RDB. */
    void release() {
        released.countDown();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket, n), "fake-master-" + n);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int n) {
        try (socket) {
            if (n > 1 && !released.await(60, TimeUnit.SECONDS)) {
                return;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                List<String> command = readCommand(in);
                if (command == null) {
                    return;
                }
                received.add(command);
                String name = command.get(0).toUpperCase();
                if (name.equals("PING")) {
                    out.write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (name.equals("PSYNC") || name.equals("SYNC")) {
                    sendRdb(out, n == 1 ? firstRdb : rdb, n == 1 ? truncatedLength : rdb.length);
                    if (n == 1) {
                        return; // drop the link in the middle of the payload
                    }
                } else {
                    out.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII)); // AUTH, REPLCONF...
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the replica went away, or the test closed us
        }
    }

    private void sendRdb(OutputStream out, byte[] rdb, int length) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("+FULLRESYNC " + REPLID + " 0\r\n").getBytes(StandardCharsets.US_ASCII));
        if (eofFraming) {
            buf.writeBytes("$EOF:".getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(MARK);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            buf.write(rdb, 0, length);
            if (length == rdb.length) {
                buf.writeBytes(MARK);
            }
        } else {
            buf.writeBytes(("$" + rdb.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.write(rdb, 0, length);
        }
        out.write(buf.toByteArray());
        out.flush();
    }

    /** One command: a RESP array of bulk strings, or an inline line; null at end of stream. */
    private static List<String> readCommand(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        List<String> words = new ArrayList<>();
        if (!line.startsWith("*")) {
            for (String word : line.trim().split(" +")) {
                words.add(word);
            }
            return words.isEmpty() || words.get(0).isEmpty() ? readCommand(in) : words;
        }
        int count = Integer.parseInt(line.substring(1));
        for (int i = 0; i < count; i++) {
            String header = readLine(in);
            if (header == null || !header.startsWith("$")) {
                throw new IOException("expected a bulk string, got " + header);
            }
            byte[] bytes = in.readNBytes(Integer.parseInt(header.substring(1)) + 2);
            words.add(new String(bytes, 0, bytes.length - 2, StandardCharsets.UTF_8));
        }
        return words;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        released.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
