package dev.orc.node.pod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All containers of one pod found on the node. Per container name the newest attempt is
 * {@link #current}, the one before it {@link #previous} (kept for {@code logs --previous} and
 * {@code lastState}); anything older is {@link #stale} and gets removed.
 */
public record ObservedPod(List<ObservedContainer> containers) {

    private static final Comparator<ObservedContainer> NEWEST_FIRST =
            Comparator.comparingInt(ObservedContainer::restartCount).reversed()
                    .thenComparing(c -> c.info().startedAt().orElse(java.time.Instant.MIN), Comparator.reverseOrder());

    public static final ObservedPod EMPTY = new ObservedPod(List.of());

    public ObservedPod {
        containers = List.copyOf(containers);
    }

    private List<ObservedContainer> attempts(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).sorted(NEWEST_FIRST).toList();
    }

    public Optional<ObservedContainer> current(String name) {
        return attempts(name).stream().findFirst();
    }

    public Optional<ObservedContainer> previous(String name) {
        return attempts(name).stream().skip(1).findFirst();
    }

    public Optional<ObservedContainer> infra() {
        return containers.stream().filter(c -> c.role() == ContainerRole.INFRA).sorted(NEWEST_FIRST).findFirst();
    }

    /**
     * The container holding the pod's network (its address and published ports): the newest infra container, else
     * the newest attempt of a container on a network of its own ({@link NetworkHolder#CONTAINER}).
     */
    public Optional<ObservedContainer> network() {
        Optional<ObservedContainer> infra = infra();
        if (infra.isPresent()) {
            return infra;
        }
        return containers.stream().filter(c -> !c.info().networkMode().joinsContainer()).sorted(NEWEST_FIRST).findFirst();
    }

    /** Attempts older than the previous one of each container, and infra containers other than the newest. */
    public List<ObservedContainer> stale() {
        List<ObservedContainer> stale = new ArrayList<>();
        containers.stream().map(ObservedContainer::name).distinct().forEach(name -> {
            List<ObservedContainer> attempts = attempts(name);
            int keep = attempts.getFirst().role() == ContainerRole.INFRA ? 1 : 2;
            stale.addAll(attempts.subList(Math.min(keep, attempts.size()), attempts.size()));
        });
        return List.copyOf(stale);
    }

    public List<ObservedContainer> running() {
        return containers.stream().filter(ObservedContainer::running).toList();
    }

    public boolean isEmpty() {
        return containers.isEmpty();
    }
}
