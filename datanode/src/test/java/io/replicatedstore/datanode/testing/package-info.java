/**
 * Test support: an in-process data node on a free port ({@link io.replicatedstore.datanode.testing.TestNode},
 * or per test class {@link io.replicatedstore.datanode.testing.NodeExtension}), connections for blocking
 * commands, server processes (the packaged node and Debian's redis-server), and a raw RESP client.
 */
package io.replicatedstore.datanode.testing;
