package io.replicatedstore.datanode.scripting;

import io.replicatedstore.datanode.error.RedisException;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * A script's shebang line ({@code #!lua flags=no-writes,allow-oom}) as Redis 7.0 reads it, and
 * the body Lua compiles (the shebang line emptied, so line numbers stay those of the script).
 */
public record ScriptFlags(boolean hasShebang, Set<Flag> flags, byte[] body) {

    public enum Flag {
        NO_WRITES("no-writes"), ALLOW_OOM("allow-oom"), ALLOW_STALE("allow-stale"),
        NO_CLUSTER("no-cluster"), ALLOW_CROSS_SLOT_KEYS("allow-cross-slot-keys");

        final String text;

        Flag(String text) {
            this.text = text;
        }
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /** Reads the shebang of a script; throws Redis's errors for an unknown engine or flag. */
    public static ScriptFlags parse(byte[] script) {
        if (script.length < 2 || script[0] != '#' || script[1] != '!') {
            return new ScriptFlags(false, EnumSet.noneOf(Flag.class), script);
        }
        int end = 0;
        while (end < script.length && script[end] != '\n') {
            end++;
        }
        String line = new String(script, 0, end, StandardCharsets.UTF_8);
        String[] parts = line.trim().split(" +");
        if (!parts[0].equals("#!lua")) {
            throw new RedisException("ERR Unexpected engine in script shebang: " + parts[0]);
        }
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].startsWith("flags=")) {
                throw new RedisException("ERR Unknown lua shebang option: " + parts[i]);
            }
            for (String name : parts[i].substring(6).split(",")) {
                if (name.isEmpty()) {
                    continue;
                }
                flags.add(flag(name));
            }
        }
        byte[] body = script.clone();
        for (int i = 0; i < end; i++) {
            body[i] = ' ';
        }
        return new ScriptFlags(true, flags, body);
    }

    private static Flag flag(String name) {
        for (Flag flag : Flag.values()) {
            if (flag.text.equals(name)) {
                return flag;
            }
        }
        throw new RedisException("ERR Unexpected flag in script shebang: " + name);
    }
}
