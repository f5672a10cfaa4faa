package io.replicatedstore.datanode.persist.rdb;

/**
 * A corrupt encoded blob (listpack, ziplist, intset, zipmap). Carries no offset: the reader
 * knows where the blob started and turns this into an {@link RdbFormatException}.
 */
final class BlobFormatException extends Exception {

    BlobFormatException(String message) {
        super(message);
    }
}
