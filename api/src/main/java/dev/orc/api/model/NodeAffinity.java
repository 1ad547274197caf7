package dev.orc.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Node affinity with Kubernetes' long field names, and short accessors for logic. */
public record NodeAffinity(
        @JsonProperty("requiredDuringSchedulingIgnoredDuringExecution") NodeSelector required,
        @OmitEmpty @JsonProperty("preferredDuringSchedulingIgnoredDuringExecution") List<PreferredSchedulingTerm> preferred) {

    public NodeAffinity {
        preferred = Immutable.list(preferred);
    }
}
