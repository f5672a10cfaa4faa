package io.replicatedstore.datanode.eviction;

import java.util.Locale;

/** The eight maxmemory-policy values: which keys may go (all, or only those with a TTL) and how they are ranked. */
public enum MaxmemoryPolicy {
    VOLATILE_LRU(true, Rank.LRU),
    VOLATILE_LFU(true, Rank.LFU),
    VOLATILE_RANDOM(true, Rank.RANDOM),
    VOLATILE_TTL(true, Rank.TTL),
    ALLKEYS_LRU(false, Rank.LRU),
    ALLKEYS_LFU(false, Rank.LFU),
    ALLKEYS_RANDOM(false, Rank.RANDOM),
    NOEVICTION(false, Rank.NONE);

    /** How candidates are ranked: least recently used, least frequently used, random, soonest to expire. */
    public enum Rank { LRU, LFU, RANDOM, TTL, NONE }

    private final boolean volatileOnly;
    private final Rank rank;

    MaxmemoryPolicy(boolean volatileOnly, Rank rank) {
        this.volatileOnly = volatileOnly;
        this.rank = rank;
    }

    /** Only keys with a time to live may be evicted. */
    public boolean volatileOnly() {
        return volatileOnly;
    }

    public Rank rank() {
        return rank;
    }

    /** Whether keys' clocks count accesses (LFU) rather than recording their time. */
    public boolean lfu() {
        return rank == Rank.LFU;
    }

    /** The name as redis.conf spells it. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static MaxmemoryPolicy byName(String name) {
        for (MaxmemoryPolicy policy : values()) {
            if (policy.configName().equalsIgnoreCase(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown maxmemory-policy " + name);
    }

    /** Every name, for the configuration's choice list. */
    public static String[] configNames() {
        MaxmemoryPolicy[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].configName();
        }
        return names;
    }
}
