package dev.orc.api.model;

import java.util.List;

/** What an administrator sets on a node: cordon ({@code unschedulable}) and taints. */
public record NodeSpec(String podCIDR, @OmitEmpty List<String> podCIDRs, String providerID, Boolean unschedulable,
                       @OmitEmpty List<Taint> taints) {

    public NodeSpec {
        podCIDRs = Immutable.list(podCIDRs);
        taints = Immutable.list(taints);
    }

    public boolean cordoned() {
        return Boolean.TRUE.equals(unschedulable);
    }

    public NodeSpec withUnschedulable(Boolean unschedulable) {
        return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, taints);
    }

    public NodeSpec withTaints(List<Taint> taints) {
        return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, taints);
    }
}
