package io.replicatedstore.datanode.command.connection;

import io.replicatedstore.datanode.server.Server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Credential checks for AUTH and HELLO. The node has one user, "default", whose password is
 * requirepass (none: any password is accepted, Redis's "nopass"). Passwords are compared as
 * SHA-256 digests in constant time, as Redis's ACLCheckUserCredentials does, so neither the
 * content nor the length of the password leaks through timing.
 */
final class Authentication {

    static final String DEFAULT_USER = "default";
    private static final byte[] DEFAULT_USER_BYTES = DEFAULT_USER.getBytes(StandardCharsets.US_ASCII);

    private Authentication() {
    }

    /** Whether the default user needs no password (requirepass unset). */
    static boolean noPassword(Server server) {
        return server.config().requirepass.get().isEmpty();
    }

    /** Whether the user name and password are valid credentials. */
    static boolean check(Server server, byte[] user, byte[] password) {
        if (!Arrays.equals(user, DEFAULT_USER_BYTES)) {
            return false;
        }
        String required = server.config().requirepass.get();
        if (required.isEmpty()) {
            return true;
        }
        return MessageDigest.isEqual(sha256(password), sha256(required.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
