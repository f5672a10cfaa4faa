package io.replicatedstore.datanode.command;

/** Command flags, named as COMMAND INFO shows them. */
public enum CommandFlag {
    WRITE("write"),
    READONLY("readonly"),
    DENYOOM("denyoom"),
    ADMIN("admin"),
    PUBSUB("pubsub"),
    NOSCRIPT("noscript"),
    BLOCKING("blocking"),
    LOADING("loading"),
    STALE("stale"),
    SKIP_MONITOR("skip_monitor"),
    SKIP_SLOWLOG("skip_slowlog"),
    FAST("fast"),
    NO_AUTH("no_auth"),
    MAY_REPLICATE("may_replicate"),
    NO_MULTI("no_multi"),
    ALLOW_BUSY("allow_busy");

    private final String text;

    CommandFlag(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static CommandFlag parse(String text) {
        for (CommandFlag flag : values()) {
            if (flag.text.equals(text)) {
                return flag;
            }
        }
        throw new IllegalArgumentException("unknown command flag " + text);
    }
}
