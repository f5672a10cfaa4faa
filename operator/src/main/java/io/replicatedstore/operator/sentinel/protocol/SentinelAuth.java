package io.replicatedstore.operator.sentinel.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The Sentinel endpoint's password, as Sentinel's {@code requirepass}: read from a file (a
 * mounted Secret) at every check, so a rotated Secret takes effect without a restart.
 */
final class SentinelAuth {

    /** What an AUTH (or HELLO ... AUTH) gets. */
    enum Outcome { OK, WRONGPASS, NO_PASSWORD_SET }

    private final Optional<Path> passwordFile;

    SentinelAuth(Optional<Path> passwordFile) {
        this.passwordFile = passwordFile;
    }

    boolean required() {
        return passwordFile.isPresent();
    }

    Outcome check(String user, String password) {
        return decide(passwordFile.map(SentinelAuth::read), user, password);
    }

    /** The decision alone: the configured password (if any) against what the client sent. */
    static Outcome decide(Optional<String> configured, String user, String password) {
        if (configured.isEmpty()) {
            return Outcome.NO_PASSWORD_SET;
        }
        boolean same = MessageDigest.isEqual(configured.get().getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8)); // constant time: no timing oracle
        return same && user.equals("default") ? Outcome.OK : Outcome.WRONGPASS;
    }

    private static String read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // A file written by hand often ends with a line break; a Secret's key does not.
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Sentinel endpoint's password file " + file, e);
        }
    }
}
