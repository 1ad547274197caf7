package dev.orc.api.model;

import java.util.List;

/** Linux capabilities added to and dropped from a container's default set, named without {@code CAP_}; {@code ALL} is every one. */
public record Capabilities(@OmitEmpty List<String> add, @OmitEmpty List<String> drop) {
    public static final String ALL = "ALL";

    public Capabilities {
        add = Immutable.list(add);
        drop = Immutable.list(drop);
    }
}
