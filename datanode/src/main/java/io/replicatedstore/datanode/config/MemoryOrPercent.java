package io.replicatedstore.datanode.config;

import java.util.List;

/**
 * A memory value or a percentage of maxmemory ({@code maxmemory-clients 1gb} or {@code 5%}),
 * stored as Redis stores it: a percentage as a negative number.
 */
public final class MemoryOrPercent extends ConfigOption<Long> {

    private final long maxPercent;

    MemoryOrPercent(String name, boolean mutable, long defaultValue, long maxPercent) {
        super(name, mutable, defaultValue);
        this.maxPercent = maxPercent;
    }

    @Override
    protected Long parse(List<String> args) throws ConfigException {
        String text = args.get(0);
        long bytes = MemorySize.parse(text);
        if (bytes >= 0) {
            return bytes;
        }
        if (text.length() > 1 && text.endsWith("%")) {
            try {
                long percent = Long.parseLong(text.substring(0, text.length() - 1));
                if (percent >= 0) {
                    if (percent > maxPercent) {
                        throw new ConfigException("percentage argument must be less or equal to " + maxPercent);
                    }
                    return -percent;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new ConfigException("argument must be a memory or percent value");
    }

    @Override
    public String format(Long v) {
        return v < 0 ? -v + "%" : Long.toString(v);
    }

    /** The limit in bytes: a percentage applies to {@code maxmemory} (0 when maxmemory is 0). */
    public long bytes(long maxmemory) {
        long v = get();
        return v >= 0 ? v : maxmemory * -v / 100;
    }
}
