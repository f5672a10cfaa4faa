package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One data node as the operator last saw it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeStatus {

    public String pod;
    /** master or replica. */
    public String role;
    public Boolean ready;
    /** master_repl_offset (master) or slave_repl_offset (replica). */
    public Long offset;
    /** Bytes behind the master. */
    public Long lag;
    /** master_link_status of a replica: up or down. */
    public String link;
}
