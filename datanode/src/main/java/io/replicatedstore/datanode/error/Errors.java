package io.replicatedstore.datanode.error;

/** Redis 7.0's error texts, in one place, so every command words them the same way. */
public final class Errors {

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OUT_OF_RANGE = "ERR index out of range";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String INCR_OVERFLOW = "ERR increment or decrement would overflow";
    public static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String INVALID_DB_INDEX = "ERR invalid DB index";
    public static final String INVALID_EXPIRE = "ERR invalid expire time in '%s' command";
    public static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
    public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String MAX_CLIENTS = "ERR max number of clients reached";

    private Errors() {
    }

    public static RedisException error(String message) {
        return new RedisException(message);
    }

    public static RedisException wrongType() {
        return new RedisException(WRONGTYPE);
    }

    public static RedisException syntax() {
        return new RedisException(SYNTAX);
    }

    public static RedisException notInteger() {
        return new RedisException(NOT_INTEGER);
    }

    public static RedisException notFloat() {
        return new RedisException(NOT_FLOAT);
    }

    public static RedisException wrongArgs(String commandName) {
        return new RedisException("ERR wrong number of arguments for '" + commandName + "' command");
    }

    public static RedisException invalidExpire(String commandName) {
        return new RedisException(String.format(INVALID_EXPIRE, commandName));
    }

    public static RedisException unknownSubcommand(String subcommand, String command) {
        return new RedisException("ERR unknown subcommand '" + truncate(subcommand, 128)
                + "'. Try " + command.toUpperCase() + " HELP.");
    }

    public static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
