package io.replicatedstore.datanode.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One configuration directive: its redis.conf name (and old aliases), whether CONFIG SET may
 * change it at run time, how its arguments parse, and how its value prints for CONFIG GET and
 * CONFIG REWRITE.
 */
public abstract class ConfigOption<T> {

    private final String name;
    private final List<String> aliases = new ArrayList<>();
    private final boolean mutable;
    private final T defaultValue;
    private final List<Consumer<T>> listeners = new ArrayList<>();
    private volatile T value;

    protected ConfigOption(String name, boolean mutable, T defaultValue) {
        this.name = name;
        this.mutable = mutable;
        this.defaultValue = defaultValue;
        this.value = defaultValue;
    }

    public String name() {
        return name;
    }

    public List<String> aliases() {
        return aliases;
    }

    public ConfigOption<T> alias(String alias) {
        aliases.add(alias);
        return this;
    }

    public boolean mutable() {
        return mutable;
    }

    public T get() {
        return value;
    }

    public boolean isDefault() {
        return format(value).equals(format(defaultValue));
    }

    /** Runs when the value changes after start (CONFIG SET), to apply it. */
    public void onChange(Consumer<T> listener) {
        listeners.add(listener);
    }

    /** Parses and stores the arguments of a directive; listeners run only when {@code notify}. */
    public void set(List<String> args, boolean notify) throws ConfigException {
        T parsed = parse(args);
        value = parsed;
        if (notify) {
            for (Consumer<T> listener : listeners) {
                listener.accept(parsed);
            }
        }
    }

    /** Sets a value directly (from code, e.g. REPLICAOF updating replicaof). */
    public void setValue(T newValue) {
        value = newValue;
    }

    /** How many arguments the directive takes in a file; -1 for one or more. */
    public int arity() {
        return 1;
    }

    protected abstract T parse(List<String> args) throws ConfigException;

    /** The value as CONFIG GET shows it. */
    public abstract String format(T v);

    public String formatted() {
        return format(value);
    }
}
