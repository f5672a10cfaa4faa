package io.replicatedstore.datanode.command.keys;

import io.replicatedstore.datanode.command.string.StringEncoding;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.store.HashValue;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.store.ZSetValue;

/**
 * Deep copies of stored values for COPY (Redis's dupStringObject, listTypeDup, setTypeDup,
 * zsetDup, hashTypeDup): element arrays are copied too, and a collection keeps its encoding (a
 * big encoding is sticky in Redis, so a copy of a "hashtable" hash stays one).
 */
final class Values {

    private Values() {
    }

    static Object deepCopy(Object value, Config config) {
        if (value instanceof byte[] bytes) {
            return StringEncoding.copy(bytes);
        }
        if (value instanceof HashValue hash) {
            HashValue copy = new HashValue();
            hash.forEach((field, v) -> copy.put(field.clone(), v.clone()));
            if (hash.encoding().equals("hashtable")) {
                copy.updateEncoding(-1, -1);
            } else {
                copy.updateEncoding(limit(config.hashMaxListpackEntries.get()), limit(config.hashMaxListpackValue.get()));
            }
            return copy;
        }
        if (value instanceof ListValue list) {
            ListValue copy = new ListValue();
            for (byte[] element : list) {
                copy.pushLast(element.clone());
            }
            copy.updateEncoding(limit(config.listMaxListpackSize.get()));
            return copy;
        }
        if (value instanceof SetValue set) {
            SetValue copy = new SetValue();
            set.forEach(member -> copy.add(member.clone()));
            if (set.encoding().equals("hashtable")) {
                copy.updateEncoding(-1);
            } else {
                copy.updateEncoding(limit(config.setMaxIntsetEntries.get()));
            }
            return copy;
        }
        if (value instanceof ZSetValue zset) {
            ZSetValue copy = new ZSetValue();
            zset.forEach((member, score) -> copy.put(member.clone(), score));
            if (zset.encoding().equals("skiplist")) {
                copy.updateEncoding(-1, -1);
            } else {
                copy.updateEncoding(limit(config.zsetMaxListpackEntries.get()), limit(config.zsetMaxListpackValue.get()));
            }
            return copy;
        }
        if (value instanceof StreamValue stream) {
            return stream.copy();
        }
        throw new IllegalArgumentException("not a value: " + value);
    }

    private static int limit(long configured) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, configured));
    }
}
