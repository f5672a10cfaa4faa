package io.replicatedstore.datanode.scripting;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA1 in lower-case hex, the name of a script (EVALSHA, SCRIPT LOAD, redis.sha1hex). */
public final class Sha1 {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sha1() {
    }

    public static String hex(byte[] data) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] hash = digest.digest(data);
        char[] out = new char[40];
        for (int i = 0; i < hash.length; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[hash[i] & 0xf];
        }
        return new String(out);
    }
}
