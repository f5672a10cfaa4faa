package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The password, from a Secret; the operator generates the Secret when none is named. */
public class Auth {

    @JsonPropertyDescription("Name of a Secret in the store's namespace holding the password; generated as <name>-auth when empty.")
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    public String secretName;

    @JsonPropertyDescription("Key of the password in the Secret.")
    public String secretKey = "password";
}
