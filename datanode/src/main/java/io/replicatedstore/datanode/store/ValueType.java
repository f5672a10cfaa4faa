package io.replicatedstore.datanode.store;

/** The six value types, named as TYPE and SCAN TYPE name them. */
public enum ValueType {
    STRING("string"), LIST("list"), SET("set"), ZSET("zset"), HASH("hash"), STREAM("stream");

    private final String typeName;

    ValueType(String typeName) {
        this.typeName = typeName;
    }

    public String typeName() {
        return typeName;
    }

    /** The type of a stored value; strings are stored as plain byte arrays. */
    public static ValueType of(Object value) {
        if (value instanceof byte[]) {
            return STRING;
        }
        if (value instanceof HashValue) {
            return HASH;
        }
        if (value instanceof ListValue) {
            return LIST;
        }
        if (value instanceof SetValue) {
            return SET;
        }
        if (value instanceof ZSetValue) {
            return ZSET;
        }
        if (value instanceof StreamValue) {
            return STREAM;
        }
        throw new IllegalArgumentException("not a value: " + value);
    }

    public static ValueType byName(String name) {
        for (ValueType type : values()) {
            if (type.typeName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }
}
