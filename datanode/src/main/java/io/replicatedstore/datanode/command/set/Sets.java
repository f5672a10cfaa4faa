package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.SetValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Shared steps of the set commands: encoding upkeep and the multi-key algebra. */
final class Sets {

    private Sets() {
    }

    /** Applies set-max-intset-entries after a mutation. */
    static void updateEncoding(CommandContext ctx, SetValue set) {
        set.updateEncoding((int) Math.min(ctx.config().setMaxIntsetEntries.get(), Integer.MAX_VALUE));
    }

    /** A new set holding {@code members}, encoded as Redis would encode it. */
    static SetValue build(CommandContext ctx, Iterable<byte[]> members) {
        SetValue set = new SetValue();
        for (byte[] member : members) {
            set.add(member);
        }
        updateEncoding(ctx, set);
        return set;
    }

    /**
     * The sets at argument positions [from, to): null for a missing key. Every key is
     * type-checked before anything else happens, as Redis does.
     */
    static SetValue[] lookup(CommandContext ctx, int from, int to) {
        SetValue[] sets = new SetValue[to - from];
        for (int i = from; i < to; i++) {
            sets[i - from] = ctx.db().getSet(ctx.arg(i));
        }
        return sets;
    }

    /**
     * The intersection, in the iteration order of the smallest set; stops after {@code limit}
     * members (0: no limit). Empty if any set is missing.
     */
    static List<byte[]> intersect(SetValue[] sets, long limit) {
        for (SetValue set : sets) {
            if (set == null) {
                return List.of();
            }
        }
        SetValue[] bySize = sets.clone();
        Arrays.sort(bySize, Comparator.comparingInt(SetValue::size));
        List<byte[]> out = new ArrayList<>();
        for (byte[] member : bySize[0]) {
            boolean everywhere = true;
            for (int i = 1; i < bySize.length && everywhere; i++) {
                // The same set named twice needs no check against itself.
                everywhere = bySize[i] == bySize[0] || bySize[i].contains(member);
            }
            if (everywhere) {
                out.add(member);
                if (limit > 0 && out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** The union of the sets (missing ones are empty). */
    static SetValue union(CommandContext ctx, SetValue[] sets) {
        SetValue result = new SetValue();
        for (SetValue set : sets) {
            if (set != null) {
                for (byte[] member : set) {
                    result.add(member);
                }
            }
        }
        updateEncoding(ctx, result);
        return result;
    }

    /** The members of the first set that are in none of the others. */
    static SetValue diff(CommandContext ctx, SetValue[] sets) {
        SetValue result = new SetValue();
        if (sets[0] != null) {
            for (byte[] member : sets[0]) {
                boolean elsewhere = false;
                for (int i = 1; i < sets.length && !elsewhere; i++) {
                    elsewhere = sets[i] != null && sets[i].contains(member);
                }
                if (!elsewhere) {
                    result.add(member);
                }
            }
        }
        updateEncoding(ctx, result);
        return result;
    }

    /** Replies with the members as a set (RESP3 ~, RESP2 array). */
    static void replySet(CommandContext ctx, List<byte[]> members) {
        ctx.reply().set(members.size());
        for (byte[] member : members) {
            ctx.reply().bulk(member);
        }
    }

    /**
     * The *STORE ending: the result replaces the destination (clearing its time to live), or
     * deletes it when empty; replies with the result's cardinality.
     */
    static void store(CommandContext ctx, byte[] destination, SetValue result, String event) {
        if (result.size() > 0) {
            ctx.db().put(destination, result);
            ctx.modified(destination);
            ctx.keyspaceEvent(KeyspaceEvents.SET, event, destination);
        } else if (ctx.db().delete(destination)) {
            ctx.modified(destination);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", destination);
        }
        ctx.reply().integer(result.size());
    }
}
