package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.server.KeyspaceEvents;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.util.Numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code SORT key [BY pattern] [LIMIT offset count] [GET pattern [GET pattern ...]] [ASC | DESC]
 * [ALPHA] [STORE destination]} and {@code SORT_RO} (no STORE), as Redis 7.0's sortCommandGeneric:
 * the elements of a list, set or sorted set ordered by their own value or by the keys (or hash
 * fields, {@code pattern->field}) a pattern names, numerically unless ALPHA; a BY pattern without
 * '*' keeps the stored order.
 */
final class SortCommand implements Command {

    static final String NOT_DOUBLE = "ERR One or more scores can't be converted into double";

    private final boolean readOnly;

    SortCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** One element with what it is ordered by: a score, or (ALPHA with BY) the looked-up bytes. */
    private static final class Element {
        final byte[] value;
        double score;
        byte[] by;

        Element(byte[] value) {
            this.value = value;
        }
    }

    @Override
    public void execute(CommandContext ctx) {
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        byte[] sortBy = null;
        byte[] storeKey = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < ctx.argc(); j++) {
            int left = ctx.argc() - j - 1;
            if (ctx.argIs(j, "asc")) {
                desc = false;
            } else if (ctx.argIs(j, "desc")) {
                desc = true;
            } else if (ctx.argIs(j, "alpha")) {
                alpha = true;
            } else if (ctx.argIs(j, "limit") && left >= 2) {
                limitStart = ctx.argLong(j + 1);
                limitCount = ctx.argLong(j + 2);
                j += 2;
            } else if (!readOnly && ctx.argIs(j, "store") && left >= 1) {
                storeKey = ctx.arg(++j);
            } else if (ctx.argIs(j, "by") && left >= 1) {
                sortBy = ctx.arg(++j);
                dontSort = indexOf(sortBy, (byte) '*', 0) < 0;
            } else if (ctx.argIs(j, "get") && left >= 1) {
                gets.add(ctx.arg(++j));
            } else {
                throw Errors.syntax();
            }
        }
        Database db = ctx.db();
        Object source = db.get(ctx.arg(1));
        if (source != null && !(source instanceof ListValue || source instanceof SetValue || source instanceof ZSetValue)) {
            throw Errors.wrongType();
        }
        if (dontSort && source instanceof SetValue && (storeKey != null || ctx.client().id() < 0)) {
            // A set's order is its hash table's: stored or scripted results must not depend on it.
            dontSort = false;
            alpha = true;
            sortBy = null;
        }
        int size = source == null ? 0 : source instanceof ListValue l ? l.size()
                : source instanceof SetValue s ? s.size() : ((ZSetValue) source).size();
        long start = Math.min(Math.max(limitStart, 0), size);
        long count = Math.min(Math.max(limitCount, -1), size);
        long end = count < 0 ? size - 1 : start + count - 1;
        if (start >= size) {
            start = size - 1;
            end = size - 2;
        }
        if (end >= size) {
            end = size - 1;
        }

        List<Element> elements = new ArrayList<>();
        boolean ordered = source instanceof ListValue || source instanceof ZSetValue;
        if (dontSort && ordered) {
            // Only the requested range, in stored order (reversed for DESC).
            if (end >= start) {
                List<byte[]> all = storedOrder(source);
                for (long i = start; i <= end; i++) {
                    int index = (int) (desc ? size - 1 - i : i);
                    elements.add(new Element(all.get(index)));
                }
                end -= start;
                start = 0;
            }
        } else if (source != null) {
            for (byte[] value : storedOrder(source)) {
                elements.add(new Element(value));
            }
        }

        if (!dontSort) {
            boolean conversionError = false;
            for (Element e : elements) {
                byte[] byValue = sortBy == null ? e.value : lookup(db, sortBy, e.value);
                if (byValue == null) {
                    continue;
                }
                if (alpha) {
                    if (sortBy != null) {
                        e.by = byValue;
                    }
                } else {
                    Double score = score(byValue);
                    if (score == null) {
                        conversionError = true;
                    } else {
                        e.score = score;
                    }
                }
            }
            if (conversionError) {
                throw Errors.error(NOT_DOUBLE);
            }
            Comparator<Element> order = comparator(alpha, sortBy != null);
            elements.sort(desc ? order.reversed() : order);
        }

        long outputLength = gets.isEmpty() ? end - start + 1 : gets.size() * (end - start + 1);
        if (storeKey == null) {
            ctx.reply().array((int) outputLength);
            for (long i = start; i <= end; i++) {
                Element e = elements.get((int) i);
                if (gets.isEmpty()) {
                    ctx.reply().bulk(e.value);
                }
                for (byte[] get : gets) {
                    ctx.reply().bulk(lookup(db, get, e.value));
                }
            }
            return;
        }
        ListValue result = new ListValue();
        for (long i = start; i <= end; i++) {
            Element e = elements.get((int) i);
            if (gets.isEmpty()) {
                result.pushLast(e.value);
            }
            for (byte[] get : gets) {
                byte[] value = lookup(db, get, e.value);
                result.pushLast(value == null ? new byte[0] : value);
            }
        }
        if (outputLength > 0) {
            result.updateEncoding(ctx.config().listMaxListpackSize.asInt());
            db.put(storeKey, result);
            ctx.modified(storeKey);
            ctx.dirty(outputLength - 1);
            ctx.keyspaceEvent(KeyspaceEvents.LIST, "sortstore", storeKey);
        } else if (db.delete(storeKey)) {
            ctx.modified(storeKey);
            ctx.keyspaceEvent(KeyspaceEvents.GENERIC, "del", storeKey);
        }
        ctx.reply().integer(outputLength);
    }

    private static List<byte[]> storedOrder(Object source) {
        List<byte[]> values = new ArrayList<>();
        if (source instanceof ListValue list) {
            list.forEach(values::add);
        } else if (source instanceof SetValue set) {
            set.forEach(values::add);
        } else {
            for (ZSetValue.Node node : (ZSetValue) source) {
                values.add(node.member());
            }
        }
        return values;
    }

    /**
     * Redis's sortCompare: by score, ties by the elements' bytes; ALPHA by the elements' bytes,
     * or with BY by the looked-up bytes, elements whose lookup found nothing first.
     */
    private static Comparator<Element> comparator(boolean alpha, boolean byPattern) {
        if (!alpha) {
            return (a, b) -> a.score != b.score ? Double.compare(a.score, b.score) : Arrays.compareUnsigned(a.value, b.value);
        }
        if (!byPattern) {
            return (a, b) -> Arrays.compareUnsigned(a.value, b.value);
        }
        return (a, b) -> {
            if (a.by == null || b.by == null) {
                return a.by == b.by ? 0 : a.by == null ? -1 : 1;
            }
            return Arrays.compareUnsigned(a.by, b.by);
        };
    }

    /** strtod over the whole value, as SORT reads a score: leading spaces allowed, "" is 0, NaN and overflow refused. */
    static Double score(byte[] value) {
        if (value.length == 0) {
            return 0.0;
        }
        int i = 0;
        while (i < value.length && isSpace(value[i])) {
            i++;
        }
        if (i == value.length) {
            return null;
        }
        return Numbers.parseDouble(i == 0 ? value : Arrays.copyOfRange(value, i, value.length));
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /**
     * Redis's lookupKeyByPattern: "#" is the element itself; otherwise the first '*' is replaced
     * by the element and the key's string value is read, or with "->field" after the '*' that
     * field of the hash. Null when the pattern has no '*', or the key or field is missing or of
     * another type.
     */
    static byte[] lookup(Database db, byte[] pattern, byte[] element) {
        if (pattern.length == 1 && pattern[0] == '#') {
            return element;
        }
        int star = indexOf(pattern, (byte) '*', 0);
        if (star < 0) {
            return null;
        }
        int arrow = -1;
        for (int i = star + 1; i + 1 < pattern.length; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                arrow = i;
                break;
            }
        }
        boolean hasField = arrow >= 0 && arrow + 2 < pattern.length;
        int keyEnd = hasField ? arrow : pattern.length;
        byte[] key = new byte[star + element.length + (keyEnd - star - 1)];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
        Object value = db.get(key);
        if (value == null) {
            return null;
        }
        if (hasField) {
            return value instanceof HashValue hash ? hash.get(Arrays.copyOfRange(pattern, arrow + 2, pattern.length)) : null;
        }
        return value instanceof byte[] s ? s : null;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
