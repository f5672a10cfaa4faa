"""redis-py through the operator's Sentinel endpoint: writes key=key for a while, across whatever
failover happens meanwhile, and prints one line per event for the Java test to read:
  master <host> <port>      the master as discovered, at the start and whenever it changes
  acked <key>               a write the master acknowledged
  done <acknowledged> <errors>
"""
import sys
import time

from redis.exceptions import ConnectionError, ReadOnlyError, ResponseError, TimeoutError
from redis.sentinel import MasterNotFoundError, Sentinel

port, name, password, seconds = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
sentinel = Sentinel([("127.0.0.1", port)], socket_timeout=2)
master = sentinel.master_for(name, password=password, socket_timeout=2)

try:
    seen = sentinel.discover_master(name)
except MasterNotFoundError:
    print("masters as parsed: %r" % (sentinel.sentinels[0].sentinel_masters(),), flush=True)
    raise
print("master %s %d" % seen, flush=True)
acked, errors, i = 0, 0, 0
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    key = "py:%d" % i
    i += 1
    try:
        if master.set(key, key):
            acked += 1
            print("acked " + key, flush=True)
    except (ConnectionError, TimeoutError, ReadOnlyError, ResponseError):
        errors += 1  # not acknowledged: the roles are changing
        time.sleep(0.05)
    try:
        current = sentinel.discover_master(name)
    except MasterNotFoundError:
        current = seen  # the master is down and not yet replaced, as with Redis Sentinel
    if current != seen:
        seen = current
        print("master %s %d" % seen, flush=True)
    time.sleep(0.01)
print("done %d %d" % (acked, errors), flush=True)
