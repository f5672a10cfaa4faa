/** Test support: an in-process data node on a free port, and a raw RESP client. */
package io.replicatedstore.datanode.testing;
