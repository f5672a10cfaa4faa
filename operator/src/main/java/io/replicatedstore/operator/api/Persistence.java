package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** rdb: snapshots by save rules; aof: the append-only file (everysec); none: memory only. */
public class Persistence {

    @JsonPropertyDescription("rdb, aof or none.")
    @Pattern("^(rdb|aof|none)$")
    @Default("rdb")
    public String mode = "rdb";

    @JsonPropertyDescription("Save rules for rdb mode, as redis.conf's save directive (\"3600 1 300 100 60 10000\").")
    @Pattern("^([0-9]+ [0-9]+)( [0-9]+ [0-9]+)*$")
    @Default("3600 1 300 100 60 10000")
    public String rdbSaveRules = "3600 1 300 100 60 10000";
}
