package io.replicatedstore.datanode.command.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The argument documentation COMMAND DOCS gives for each command ("arguments"), which redis-cli
 * turns into its syntax line for HELP and its typing hints. The table holds Redis 7.0.15's
 * argument trees (as its COMMAND DOCS reports them, without key_spec_index and argument
 * summaries; plus 7.2's CLIENT SETINFO), one command per line:
 *
 * <pre>
 * full-name arg arg ...
 * arg := "(" name type [t=token] [o] [m] [mt] [s=since] [d=deprecated-since] arg* ")"
 * </pre>
 *
 * where o, m and mt are the optional, multiple and multiple_token flags, and an atom with
 * spaces, parentheses or nothing in it is written in double quotes. Commands without arguments
 * are absent.
 */
final class CommandArgumentDocs {

    /** One documented argument; {@code arguments} holds the members of a oneof or block. */
    record Argument(String name, String type, String token, boolean optional, boolean multiple,
                    boolean multipleToken, String since, String deprecatedSince, List<Argument> arguments) {
    }

    private static final String TABLE = """
            acl|cat (categoryname string o)
            acl|deluser (username string m)
            acl|dryrun (username string) (command string) (arg string o m)
            acl|genpass (bits integer o)
            acl|getuser (username string)
            acl|log (operation oneof o (count integer) (reset pure-token t=RESET))
            acl|setuser (username string) (rule string o m)
            append (key key) (value string)
            auth (username string o s=6.0.0) (password string)
            bgsave (schedule pure-token t=SCHEDULE o s=3.2.2)
            bitcount (key key) (index block o (start integer) (end integer) (index_unit oneof o s=7.0.0 (byte pure-token t=BYTE) (bit pure-token t=BIT)))
            bitfield (key key) (operation oneof o m (encoding_offset block t=GET (encoding string) (offset integer)) (write block (wrap_sat_fail oneof t=OVERFLOW o (wrap pure-token t=WRAP) (sat pure-token t=SAT) (fail pure-token t=FAIL)) (write_operation oneof (encoding_offset_value block t=SET (encoding string) (offset integer) (value integer)) (encoding_offset_increment block t=INCRBY (encoding string) (offset integer) (increment integer)))))
            bitfield_ro (key key) (encoding_offset block t=GET o m mt (encoding string) (offset integer))
            bitop (operation string) (destkey key) (key key m)
            bitpos (key key) (bit integer) (index block o (start integer) (end_index block o (end integer) (index_unit oneof o s=7.0.0 (byte pure-token t=BYTE) (bit pure-token t=BIT))))
            blmove (source key) (destination key) (wherefrom oneof (left pure-token t=LEFT) (right pure-token t=RIGHT)) (whereto oneof (left pure-token t=LEFT) (right pure-token t=RIGHT)) (timeout double)
            blmpop (timeout double) (numkeys integer) (key key m) (where oneof (left pure-token t=LEFT) (right pure-token t=RIGHT)) (count integer t=COUNT o)
            blpop (key key m) (timeout double)
            brpop (key key m) (timeout double)
            brpoplpush (source key) (destination key) (timeout double)
            bzmpop (timeout double) (numkeys integer) (key key m) (where oneof (min pure-token t=MIN) (max pure-token t=MAX)) (count integer t=COUNT o)
            bzpopmax (key key m) (timeout double)
            bzpopmin (key key m) (timeout double)
            client|caching (mode oneof (yes pure-token t=YES) (no pure-token t=NO))
            client|kill (filter oneof (ip:port string d=2.8.12) (new-format oneof m (client-id integer t=ID o s=2.8.12) (normal_master_slave_pubsub oneof t=TYPE o s=2.8.12 (normal pure-token t=NORMAL) (master pure-token t=MASTER s=3.2.0) (slave pure-token t=SLAVE) (replica pure-token t=REPLICA s=5.0.0) (pubsub pure-token t=PUBSUB)) (username string t=USER o) (ip:port string t=ADDR o) (ip:port string t=LADDR o s=6.2.0) (yes/no string t=SKIPME o)))
            client|list (normal_master_replica_pubsub oneof t=TYPE o s=5.0.0 (normal pure-token t=NORMAL) (master pure-token t=MASTER) (replica pure-token t=REPLICA) (pubsub pure-token t=PUBSUB)) (id block t=ID o s=6.2.0 (client-id integer m))
            client|no-evict (enabled oneof (on pure-token t=ON) (off pure-token t=OFF))
            client|pause (timeout integer) (mode oneof o s=6.2.0 (write pure-token t=WRITE) (all pure-token t=ALL))
            client|reply (on_off_skip oneof (on pure-token t=ON) (off pure-token t=OFF) (skip pure-token t=SKIP))
            client|setinfo (attr oneof (libname string t=LIB-NAME) (libver string t=LIB-VER))
            client|setname (connection-name string)
            client|tracking (status oneof (on pure-token t=ON) (off pure-token t=OFF)) (client-id integer t=REDIRECT o) (prefix string t=PREFIX o m mt) (bcast pure-token t=BCAST o) (optin pure-token t=OPTIN o) (optout pure-token t=OPTOUT o) (noloop pure-token t=NOLOOP o)
            client|unblock (client-id integer) (timeout_error oneof o (timeout pure-token t=TIMEOUT) (error pure-token t=ERROR))
            cluster|addslots (slot integer m)
            cluster|addslotsrange (start-slot_end-slot block m (start-slot integer) (end-slot integer))
            cluster|count-failure-reports (node-id string)
            cluster|countkeysinslot (slot integer)
            cluster|delslots (slot integer m)
            cluster|delslotsrange (start-slot_end-slot block m (start-slot integer) (end-slot integer))
            cluster|failover (options oneof o (force pure-token t=FORCE) (takeover pure-token t=TAKEOVER))
            cluster|forget (node-id string)
            cluster|getkeysinslot (slot integer) (count integer)
            cluster|keyslot (key string)
            cluster|meet (ip string) (port integer) (cluster_bus_port integer o s=4.0.0)
            cluster|replicas (node-id string)
            cluster|replicate (node-id string)
            cluster|reset (hard_soft oneof o (hard pure-token t=HARD) (soft pure-token t=SOFT))
            cluster|set-config-epoch (config-epoch integer)
            cluster|setslot (slot integer) (subcommand oneof (node-id string t=IMPORTING) (node-id string t=MIGRATING) (node-id string t=NODE) (stable pure-token t=STABLE))
            cluster|slaves (node-id string)
            command|docs (command-name string o m)
            command|info (command-name string o m)
            command|list (filterby oneof t=FILTERBY o (module-name string t=MODULE) (category string t=ACLCAT) (pattern pattern t=PATTERN))
            config|get (parameter block m (parameter string))
            config|set (parameter_value block m (parameter string) (value string))
            copy (source key) (destination key) (destination-db integer t=DB o) (replace pure-token t=REPLACE o)
            decr (key key)
            decrby (key key) (decrement integer)
            del (key key m)
            dump (key key)
            echo (message string)
            eval (script string) (numkeys integer) (key key o m) (arg string o m)
            eval_ro (script string) (numkeys integer) (key key o m) (arg string o m)
            evalsha (sha1 string) (numkeys integer) (key key o m) (arg string o m)
            evalsha_ro (sha1 string) (numkeys integer) (key key o m) (arg string o m)
            exists (key key m)
            expire (key key) (seconds integer) (condition oneof o s=7.0.0 (nx pure-token t=NX) (xx pure-token t=XX) (gt pure-token t=GT) (lt pure-token t=LT))
            expireat (key key) (unix-time-seconds unix-time) (condition oneof o s=7.0.0 (nx pure-token t=NX) (xx pure-token t=XX) (gt pure-token t=GT) (lt pure-token t=LT))
            expiretime (key key)
            failover (target block t=TO o (host string) (port integer) (force pure-token t=FORCE o)) (abort pure-token t=ABORT o) (milliseconds integer t=TIMEOUT o)
            fcall (function string) (numkeys integer) (key key o m) (arg string o m)
            fcall_ro (function string) (numkeys integer) (key key o m) (arg string o m)
            flushall (async oneof o (async pure-token t=ASYNC s=4.0.0) (sync pure-token t=SYNC s=6.2.0))
            flushdb (async oneof o (async pure-token t=ASYNC s=4.0.0) (sync pure-token t=SYNC s=6.2.0))
            function|delete (library-name string)
            function|flush (async oneof o (async pure-token t=ASYNC) (sync pure-token t=SYNC))
            function|list (library-name-pattern string t=LIBRARYNAME o) (withcode pure-token t=WITHCODE o)
            function|load (replace pure-token t=REPLACE o) (function-code string)
            function|restore (serialized-value string) (policy oneof o (flush pure-token t=FLUSH) (append pure-token t=APPEND) (replace pure-token t=REPLACE))
            geoadd (key key) (condition oneof o s=6.2.0 (nx pure-token t=NX) (xx pure-token t=XX)) (change pure-token t=CH o s=6.2.0) (longitude_latitude_member block m (longitude double) (latitude double) (member string))
            geodist (key key) (member1 string) (member2 string) (unit oneof o (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI))
            geohash (key key) (member string m)
            geopos (key key) (member string m)
            georadius (key key) (longitude double) (latitude double) (radius double) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI)) (withcoord pure-token t=WITHCOORD o) (withdist pure-token t=WITHDIST o) (withhash pure-token t=WITHHASH o) (count block o (count integer t=COUNT) (any pure-token t=ANY o s=6.2.0)) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC)) (key key t=STORE o) (key key t=STOREDIST o)
            georadius_ro (key key) (longitude double) (latitude double) (radius double) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI)) (withcoord pure-token t=WITHCOORD o) (withdist pure-token t=WITHDIST o) (withhash pure-token t=WITHHASH o) (count block o (count integer t=COUNT) (any pure-token t=ANY o s=6.2.0)) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC))
            georadiusbymember (key key) (member string) (radius double) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI)) (withcoord pure-token t=WITHCOORD o) (withdist pure-token t=WITHDIST o) (withhash pure-token t=WITHHASH o) (count block o (count integer t=COUNT) (any pure-token t=ANY o)) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC)) (key key t=STORE o) (key key t=STOREDIST o)
            georadiusbymember_ro (key key) (member string) (radius double) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI)) (withcoord pure-token t=WITHCOORD o) (withdist pure-token t=WITHDIST o) (withhash pure-token t=WITHHASH o) (count block o (count integer t=COUNT) (any pure-token t=ANY o)) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC))
            geosearch (key key) (from oneof (member string t=FROMMEMBER) (longitude_latitude block t=FROMLONLAT (longitude double) (latitude double))) (by oneof (circle block (radius double t=BYRADIUS) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI))) (box block (width double t=BYBOX) (height double) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI)))) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC)) (count block o (count integer t=COUNT) (any pure-token t=ANY o)) (withcoord pure-token t=WITHCOORD o) (withdist pure-token t=WITHDIST o) (withhash pure-token t=WITHHASH o)
            geosearchstore (destination key) (source key) (from oneof (member string t=FROMMEMBER) (longitude_latitude block t=FROMLONLAT (longitude double) (latitude double))) (by oneof (circle block (radius double t=BYRADIUS) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI))) (box block (width double t=BYBOX) (height double) (unit oneof (m pure-token t=M) (km pure-token t=KM) (ft pure-token t=FT) (mi pure-token t=MI)))) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC)) (count block o (count integer t=COUNT) (any pure-token t=ANY o)) (storedist pure-token t=STOREDIST o)
            get (key key)
            getbit (key key) (offset integer)
            getdel (key key)
            getex (key key) (expiration oneof o (seconds integer t=EX) (milliseconds integer t=PX) (unix-time-seconds unix-time t=EXAT) (unix-time-milliseconds unix-time t=PXAT) (persist pure-token t=PERSIST))
            getrange (key key) (start integer) (end integer)
            getset (key key) (value string)
            hdel (key key) (field string m)
            hello (arguments block o (protover integer) (username_password block t=AUTH o (username string) (password string)) (clientname string t=SETNAME o))
            hexists (key key) (field string)
            hget (key key) (field string)
            hgetall (key key)
            hincrby (key key) (field string) (increment integer)
            hincrbyfloat (key key) (field string) (increment double)
            hkeys (key key)
            hlen (key key)
            hmget (key key) (field string m)
            hmset (key key) (field_value block m (field string) (value string))
            hrandfield (key key) (options block o (count integer) (withvalues pure-token t=WITHVALUES o))
            hscan (key key) (cursor integer) (pattern pattern t=MATCH o) (count integer t=COUNT o)
            hset (key key) (field_value block m (field string) (value string))
            hsetnx (key key) (field string) (value string)
            hstrlen (key key) (field string)
            hvals (key key)
            incr (key key)
            incrby (key key) (increment integer)
            incrbyfloat (key key) (increment double)
            info (section string o m)
            keys (pattern pattern)
            latency|graph (event string)
            latency|histogram (command string o m)
            latency|history (event string)
            latency|reset (event string o m)
            lcs (key1 key) (key2 key) (len pure-token t=LEN o) (idx pure-token t=IDX o) (len integer t=MINMATCHLEN o) (withmatchlen pure-token t=WITHMATCHLEN o)
            lindex (key key) (index integer)
            linsert (key key) (where oneof (before pure-token t=BEFORE) (after pure-token t=AFTER)) (pivot string) (element string)
            llen (key key)
            lmove (source key) (destination key) (wherefrom oneof (left pure-token t=LEFT) (right pure-token t=RIGHT)) (whereto oneof (left pure-token t=LEFT) (right pure-token t=RIGHT))
            lmpop (numkeys integer) (key key m) (where oneof (left pure-token t=LEFT) (right pure-token t=RIGHT)) (count integer t=COUNT o)
            lolwut (version integer t=VERSION o)
            lpop (key key) (count integer o s=6.2.0)
            lpos (key key) (element string) (rank integer t=RANK o) (num-matches integer t=COUNT o) (len integer t=MAXLEN o)
            lpush (key key) (element string m)
            lpushx (key key) (element string m)
            lrange (key key) (start integer) (stop integer)
            lrem (key key) (count integer) (element string)
            lset (key key) (index integer) (element string)
            ltrim (key key) (start integer) (stop integer)
            memory|usage (key key) (count integer t=SAMPLES o)
            mget (key key m)
            migrate (host string) (port integer) (key_or_empty_string oneof (key key) (empty_string pure-token t="")) (destination-db integer) (timeout integer) (copy pure-token t=COPY o s=3.0.0) (replace pure-token t=REPLACE o s=3.0.0) (authentication oneof o (password string t=AUTH o s=4.0.7) (username_password block t=AUTH2 o s=6.0.0 (username string) (password string))) (key key t=KEYS o m s=3.0.6)
            module|load (path string) (arg string o m)
            module|loadex (path string) (configs block t=CONFIG o m mt (name string) (value string)) (args block t=ARGS o m (arg string))
            module|unload (name string)
            move (key key) (db integer)
            mset (key_value block m (key key) (value string))
            msetnx (key_value block m (key key) (value string))
            object|encoding (key key)
            object|freq (key key)
            object|idletime (key key)
            object|refcount (key key)
            persist (key key)
            pexpire (key key) (milliseconds integer) (condition oneof o s=7.0.0 (nx pure-token t=NX) (xx pure-token t=XX) (gt pure-token t=GT) (lt pure-token t=LT))
            pexpireat (key key) (unix-time-milliseconds unix-time) (condition oneof o s=7.0.0 (nx pure-token t=NX) (xx pure-token t=XX) (gt pure-token t=GT) (lt pure-token t=LT))
            pexpiretime (key key)
            pfadd (key key) (element string o m)
            pfcount (key key m)
            pfdebug (subcommand string) (key key)
            pfmerge (destkey key) (sourcekey key m)
            ping (message string o)
            psetex (key key) (milliseconds integer) (value string)
            psubscribe (pattern block m (pattern pattern))
            psync (replicationid string) (offset integer)
            pttl (key key)
            publish (channel string) (message string)
            pubsub|channels (pattern pattern o)
            pubsub|numsub (channel string o m)
            pubsub|shardchannels (pattern pattern o)
            pubsub|shardnumsub (shardchannel string o m)
            punsubscribe (pattern pattern o m)
            rename (key key) (newkey key)
            renamenx (key key) (newkey key)
            replicaof (args oneof (host-port block (host string) (port integer)) (no-one block (no pure-token t=NO) (one pure-token t=ONE)))
            restore (key key) (ttl integer) (serialized-value string) (replace pure-token t=REPLACE o s=3.0.0) (absttl pure-token t=ABSTTL o s=5.0.0) (seconds integer t=IDLETIME o s=5.0.0) (frequency integer t=FREQ o s=5.0.0)
            restore-asking (key key) (ttl integer) (serialized-value string) (replace pure-token t=REPLACE o s=3.0.0) (absttl pure-token t=ABSTTL o s=5.0.0) (seconds integer t=IDLETIME o s=5.0.0) (frequency integer t=FREQ o s=5.0.0)
            rpop (key key) (count integer o s=6.2.0)
            rpoplpush (source key) (destination key)
            rpush (key key) (element string m)
            rpushx (key key) (element string m)
            sadd (key key) (member string m)
            scan (cursor integer) (pattern pattern t=MATCH o) (count integer t=COUNT o) (type string t=TYPE o s=6.0.0)
            scard (key key)
            script|debug (mode oneof (yes pure-token t=YES) (sync pure-token t=SYNC) (no pure-token t=NO))
            script|exists (sha1 string m)
            script|flush (async oneof o s=6.2.0 (async pure-token t=ASYNC) (sync pure-token t=SYNC))
            script|load (script string)
            sdiff (key key m)
            sdiffstore (destination key) (key key m)
            select (index integer)
            set (key key) (value string) (condition oneof o s=2.6.12 (nx pure-token t=NX) (xx pure-token t=XX)) (get pure-token t=GET o s=6.2.0) (expiration oneof o (seconds integer t=EX s=2.6.12) (milliseconds integer t=PX s=2.6.12) (unix-time-seconds unix-time t=EXAT s=6.2.0) (unix-time-milliseconds unix-time t=PXAT s=6.2.0) (keepttl pure-token t=KEEPTTL s=6.0.0))
            setbit (key key) (offset integer) (value integer)
            setex (key key) (seconds integer) (value string)
            setnx (key key) (value string)
            setrange (key key) (offset integer) (value string)
            shutdown (nosave_save oneof o (nosave pure-token t=NOSAVE) (save pure-token t=SAVE)) (now pure-token t=NOW o s=7.0.0) (force pure-token t=FORCE o s=7.0.0) (abort pure-token t=ABORT o s=7.0.0)
            sinter (key key m)
            sintercard (numkeys integer) (key key m) (limit integer t=LIMIT o)
            sinterstore (destination key) (key key m)
            sismember (key key) (member string)
            slaveof (args oneof (host-port block (host string) (port integer)) (no-one block (no pure-token t=NO) (one pure-token t=ONE)))
            slowlog|get (count integer o)
            smembers (key key)
            smismember (key key) (member string m)
            smove (source key) (destination key) (member string)
            sort (key key) (pattern pattern t=BY o) (offset_count block t=LIMIT o (offset integer) (count integer)) (pattern pattern t=GET o m mt) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC)) (sorting pure-token t=ALPHA o) (destination key t=STORE o)
            sort_ro (key key) (pattern pattern t=BY o) (offset_count block t=LIMIT o (offset integer) (count integer)) (pattern pattern t=GET o m mt) (order oneof o (asc pure-token t=ASC) (desc pure-token t=DESC)) (sorting pure-token t=ALPHA o)
            spop (key key) (count integer o s=3.2.0)
            spublish (shardchannel string) (message string)
            srandmember (key key) (count integer o s=2.6.0)
            srem (key key) (member string m)
            sscan (key key) (cursor integer) (pattern pattern t=MATCH o) (count integer t=COUNT o)
            ssubscribe (shardchannel string m)
            strlen (key key)
            subscribe (channel string m)
            substr (key key) (start integer) (end integer)
            sunion (key key m)
            sunionstore (destination key) (key key m)
            sunsubscribe (shardchannel string o m)
            swapdb (index1 integer) (index2 integer)
            touch (key key m)
            ttl (key key)
            type (key key)
            unlink (key key m)
            unsubscribe (channel string o m)
            wait (numreplicas integer) (timeout integer)
            watch (key key m)
            xack (key key) (group string) (id string m)
            xadd (key key) (nomkstream pure-token t=NOMKSTREAM o s=6.2.0) (trim block o (strategy oneof (maxlen pure-token t=MAXLEN) (minid pure-token t=MINID s=6.2.0)) (operator oneof o (equal pure-token t==) (approximately pure-token t=~)) (threshold string) (count integer t=LIMIT o s=6.2.0)) (id_or_auto oneof (auto_id pure-token t=*) (id string)) (field_value block m (field string) (value string))
            xautoclaim (key key) (group string) (consumer string) (min-idle-time string) (start string) (count integer t=COUNT o) (justid pure-token t=JUSTID o)
            xclaim (key key) (group string) (consumer string) (min-idle-time string) (id string m) (ms integer t=IDLE o) (unix-time-milliseconds unix-time t=TIME o) (count integer t=RETRYCOUNT o) (force pure-token t=FORCE o) (justid pure-token t=JUSTID o) (id string t=LASTID o)
            xdel (key key) (id string m)
            xgroup|create (key key) (groupname string) (id oneof (id string) (new_id pure-token t=$)) (mkstream pure-token t=MKSTREAM o) (entries_read integer t=ENTRIESREAD o)
            xgroup|createconsumer (key key) (groupname string) (consumername string)
            xgroup|delconsumer (key key) (groupname string) (consumername string)
            xgroup|destroy (key key) (groupname string)
            xgroup|setid (key key) (groupname string) (id oneof (id string) (new_id pure-token t=$)) (entries_read integer t=ENTRIESREAD o)
            xinfo|consumers (key key) (groupname string)
            xinfo|groups (key key)
            xinfo|stream (key key) (full block t=FULL o (count integer t=COUNT o))
            xlen (key key)
            xpending (key key) (group string) (filters block o (min-idle-time integer t=IDLE o s=6.2.0) (start string) (end string) (count integer) (consumer string o))
            xrange (key key) (start string) (end string) (count integer t=COUNT o)
            xread (count integer t=COUNT o) (milliseconds integer t=BLOCK o) (streams block t=STREAMS (key key m) (id string m))
            xreadgroup (group_consumer block t=GROUP (group string) (consumer string)) (count integer t=COUNT o) (milliseconds integer t=BLOCK o) (noack pure-token t=NOACK o) (streams block t=STREAMS (key key m) (id string m))
            xrevrange (key key) (end string) (start string) (count integer t=COUNT o)
            xsetid (key key) (last-id string) (entries_added integer t=ENTRIESADDED o s=7.0.0) (max_deleted_entry_id string t=MAXDELETEDID o s=7.0.0)
            xtrim (key key) (trim block (strategy oneof (maxlen pure-token t=MAXLEN) (minid pure-token t=MINID s=6.2.0)) (operator oneof o (equal pure-token t==) (approximately pure-token t=~)) (threshold string) (count integer t=LIMIT o s=6.2.0))
            zadd (key key) (condition oneof o s=3.0.2 (nx pure-token t=NX) (xx pure-token t=XX)) (comparison oneof o s=6.2.0 (gt pure-token t=GT) (lt pure-token t=LT)) (change pure-token t=CH o s=3.0.2) (increment pure-token t=INCR o s=3.0.2) (score_member block m (score double) (member string))
            zcard (key key)
            zcount (key key) (min double) (max double)
            zdiff (numkeys integer) (key key m) (withscores pure-token t=WITHSCORES o)
            zdiffstore (destination key) (numkeys integer) (key key m)
            zincrby (key key) (increment integer) (member string)
            zinter (numkeys integer) (key key m) (weight integer t=WEIGHTS o m) (aggregate oneof t=AGGREGATE o (sum pure-token t=SUM) (min pure-token t=MIN) (max pure-token t=MAX)) (withscores pure-token t=WITHSCORES o)
            zintercard (numkeys integer) (key key m) (limit integer t=LIMIT o)
            zinterstore (destination key) (numkeys integer) (key key m) (weight integer t=WEIGHTS o m) (aggregate oneof t=AGGREGATE o (sum pure-token t=SUM) (min pure-token t=MIN) (max pure-token t=MAX))
            zlexcount (key key) (min string) (max string)
            zmpop (numkeys integer) (key key m) (where oneof (min pure-token t=MIN) (max pure-token t=MAX)) (count integer t=COUNT o)
            zmscore (key key) (member string m)
            zpopmax (key key) (count integer o)
            zpopmin (key key) (count integer o)
            zrandmember (key key) (options block o (count integer) (withscores pure-token t=WITHSCORES o))
            zrange (key key) (start string) (stop string) (sortby oneof o s=6.2.0 (byscore pure-token t=BYSCORE) (bylex pure-token t=BYLEX)) (rev pure-token t=REV o s=6.2.0) (offset_count block t=LIMIT o s=6.2.0 (offset integer) (count integer)) (withscores pure-token t=WITHSCORES o)
            zrangebylex (key key) (min string) (max string) (offset_count block t=LIMIT o (offset integer) (count integer))
            zrangebyscore (key key) (min double) (max double) (withscores pure-token t=WITHSCORES o s=2.0.0) (offset_count block t=LIMIT o (offset integer) (count integer))
            zrangestore (dst key) (src key) (min string) (max string) (sortby oneof o (byscore pure-token t=BYSCORE) (bylex pure-token t=BYLEX)) (rev pure-token t=REV o) (offset_count block t=LIMIT o (offset integer) (count integer))
            zrank (key key) (member string)
            zrem (key key) (member string m)
            zremrangebylex (key key) (min string) (max string)
            zremrangebyrank (key key) (start integer) (stop integer)
            zremrangebyscore (key key) (min double) (max double)
            zrevrange (key key) (start integer) (stop integer) (withscores pure-token t=WITHSCORES o)
            zrevrangebylex (key key) (max string) (min string) (offset_count block t=LIMIT o (offset integer) (count integer))
            zrevrangebyscore (key key) (max double) (min double) (withscores pure-token t=WITHSCORES o) (offset_count block t=LIMIT o (offset integer) (count integer))
            zrevrank (key key) (member string)
            zscan (key key) (cursor integer) (pattern pattern t=MATCH o) (count integer t=COUNT o)
            zscore (key key) (member string)
            zunion (numkeys integer) (key key m) (weight integer t=WEIGHTS o m) (aggregate oneof t=AGGREGATE o (sum pure-token t=SUM) (min pure-token t=MIN) (max pure-token t=MAX)) (withscores pure-token t=WITHSCORES o)
            zunionstore (destination key) (numkeys integer) (key key m) (weight integer t=WEIGHTS o m) (aggregate oneof t=AGGREGATE o (sum pure-token t=SUM) (min pure-token t=MIN) (max pure-token t=MAX))
            """;

    private static volatile Map<String, List<Argument>> byCommand;

    private CommandArgumentDocs() {
    }

    /** The documented arguments of a command ("config|get" for a subcommand), or null. */
    static List<Argument> of(String fullName) {
        Map<String, List<Argument>> table = byCommand;
        if (table == null) {
            table = parseTable(TABLE);
            byCommand = table;
        }
        return table.get(fullName);
    }

    static Map<String, List<Argument>> parseTable(String text) {
        Map<String, List<Argument>> table = new HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            Parser parser = new Parser(trimmed, space + 1);
            List<Argument> arguments = new ArrayList<>();
            while (parser.more()) {
                arguments.add(parser.argument());
            }
            table.put(trimmed.substring(0, space), Collections.unmodifiableList(arguments));
        }
        return Collections.unmodifiableMap(table);
    }

    /** Reads the parenthesised argument trees of one line. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text, int at) {
            this.text = text;
            this.at = at;
        }

        boolean more() {
            skipSpaces();
            return at < text.length();
        }

        Argument argument() {
            skipSpaces();
            expect('(');
            String name = atom();
            String type = atom();
            String token = null;
            String since = null;
            String deprecated = null;
            boolean optional = false;
            boolean multiple = false;
            boolean multipleToken = false;
            List<Argument> children = new ArrayList<>();
            while (true) {
                skipSpaces();
                char c = text.charAt(at);
                if (c == ')') {
                    at++;
                    break;
                }
                if (c == '(') {
                    children.add(argument());
                    continue;
                }
                String attribute = atom();
                if (attribute.startsWith("t=")) {
                    token = attribute.substring(2);
                } else if (attribute.startsWith("s=")) {
                    since = attribute.substring(2);
                } else if (attribute.startsWith("d=")) {
                    deprecated = attribute.substring(2);
                } else if (attribute.equals("o")) {
                    optional = true;
                } else if (attribute.equals("m")) {
                    multiple = true;
                } else if (attribute.equals("mt")) {
                    multipleToken = true;
                } else {
                    throw new IllegalStateException("bad argument attribute " + attribute + " in " + text);
                }
            }
            return new Argument(name, type, token, optional, multiple, multipleToken, since, deprecated,
                    Collections.unmodifiableList(children));
        }

        /** A word, or a double-quoted string (possibly after a "t=" prefix). */
        private String atom() {
            skipSpaces();
            StringBuilder out = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '"') {
                    int end = text.indexOf('"', at + 1);
                    out.append(text, at + 1, end);
                    at = end + 1;
                } else if (c == ' ' || c == '(' || c == ')') {
                    break;
                } else {
                    out.append(c);
                    at++;
                }
            }
            return out.toString();
        }

        private void skipSpaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }

        private void expect(char c) {
            if (text.charAt(at) != c) {
                throw new IllegalStateException("expected '" + c + "' at " + at + " in " + text);
            }
            at++;
        }
    }
}
