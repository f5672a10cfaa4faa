package io.replicatedstore.datanode.resp;

import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws random and mutated RESP at the server (seeded, bounded in count and time) and checks
 * that it stays up: after every batch a fresh client still gets PONG and the data written before
 * the fuzzing is intact.
 */
class RespFuzzTest {

    private static final long SEED = 20261121L;
    private static final int FRAMES = 3000;
    private static final long TIME_LIMIT_MS = 60_000;

    /** Valid, harmless requests that mutation starts from. */
    private static final List<String> CORPUS = List.of(
            "*3\r\n$3\r\nSET\r\n$3\r\nfoo\r\n$3\r\nbar\r\n",
            "*2\r\n$3\r\nGET\r\n$3\r\nfoo\r\n",
            "*4\r\n$5\r\nLPUSH\r\n$1\r\nl\r\n$1\r\na\r\n$1\r\nb\r\n",
            "*4\r\n$4\r\nHSET\r\n$1\r\nh\r\n$1\r\nf\r\n$1\r\nv\r\n",
            "*1\r\n$4\r\nPING\r\n",
            "PING\r\n",
            "SET \"a\\x41\" 'b c'\r\n",
            "*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n");

    @Test
    void randomAndMutatedFramesNeverTakeTheServerDown() throws Exception {
        Random random = new Random(SEED);
        try (TestNode node = TestNode.start(); RespClient keeper = node.client()) {
            assertThat(keeper.call("SET", "sentinel-key", "intact")).isEqualTo("OK");
            long deadline = System.currentTimeMillis() + TIME_LIMIT_MS;
            int sent = 0;
            while (sent < FRAMES && System.currentTimeMillis() < deadline) {
                for (int i = 0; i < 100 && sent < FRAMES; i++, sent++) {
                    byte[] frame = random.nextInt(3) == 0 ? randomBytes(random) : mutate(random);
                    sendAndDrain(node.port(), frame);
                }
                try (RespClient probe = node.client()) {
                    assertThat(probe.call("PING")).as("PING after %d frames", sent).isEqualTo("PONG");
                }
            }
            assertThat(sent).isGreaterThan(0);
            assertThat(keeper.call("GET", "sentinel-key")).isEqualTo("intact");
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] frame = new byte[1 + random.nextInt(200)];
        random.nextBytes(frame);
        if (random.nextBoolean()) {
            frame[0] = (byte) "*$+:-\r\n".charAt(random.nextInt(7));
        }
        return frame;
    }

    private static byte[] mutate(Random random) {
        byte[] frame = CORPUS.get(random.nextInt(CORPUS.size())).getBytes(StandardCharsets.US_ASCII);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(4)) {
                case 0 -> frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                case 1 -> frame = java.util.Arrays.copyOf(frame, Math.max(1, random.nextInt(frame.length)));
                case 2 -> {
                    // Replace a digit with a huge or negative length.
                    String text = new String(frame, StandardCharsets.ISO_8859_1);
                    String[] lengths = {"-1", "-99", "999999999999", "2147483648", "0", "1048577"};
                    frame = text.replaceFirst("\\d+", lengths[random.nextInt(lengths.length)]).getBytes(StandardCharsets.ISO_8859_1);
                }
                default -> {
                    byte[] doubled = new byte[frame.length * 2];
                    System.arraycopy(frame, 0, doubled, 0, frame.length);
                    System.arraycopy(frame, 0, doubled, frame.length, frame.length);
                    frame = doubled;
                }
            }
        }
        return frame;
    }

    /** Sends a frame, reads what comes back for a moment, and closes. */
    private static void sendAndDrain(int port, byte[] frame) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20);
            OutputStream out = socket.getOutputStream();
            out.write(frame);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                while (in.read(buffer) > 0) {
                    // discard replies
                }
            } catch (SocketTimeoutException e) {
                // the server waits for more input: fine
            }
        } catch (IOException e) {
            // reset by the server after a protocol error: fine
        }
    }
}
