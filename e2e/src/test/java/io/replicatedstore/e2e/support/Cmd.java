package io.replicatedstore.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command with a bounded wait; a failure names the command, its exit code and its output. */
public final class Cmd {

    private Cmd() {
    }

    public record Result(int code, String out) {
        public boolean ok() {
            return code == 0;
        }
    }

    public static String run(Duration timeout, List<String> command) {
        Result r = tryRun(timeout, command);
        if (!r.ok()) {
            throw new IllegalStateException("exit " + r.code() + ": " + String.join(" ", command) + "\n" + r.out());
        }
        return r.out();
    }

    /** stdout and stderr together; code -1 when it did not end within the timeout (it is then killed). */
    public static Result tryRun(Duration timeout, List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Read in another thread: a full pipe would block the command past its timeout.
            var out = new java.util.concurrent.CompletableFuture<String>();
            Thread reader = new Thread(() -> {
                try {
                    out.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    out.complete("(output unreadable: " + e + ")");
                }
            });
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS).strip());
        } catch (Exception e) {
            throw new IllegalStateException("could not run " + String.join(" ", command), e);
        }
    }
}
