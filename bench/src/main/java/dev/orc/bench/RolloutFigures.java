package dev.orc.bench;

import java.io.PrintWriter;
import java.time.Duration;

/** The best time seen of each rollout measurement; null where one was not measured. */
record RolloutFigures(Duration floorV1, Duration orcCreate, Duration floorV2, Duration orcUpdate, Duration swarmCreate) {
    static RolloutFigures none() {
        return new RolloutFigures(null, null, null, null, null);
    }

    RolloutFigures best(RolloutFigures other) {
        return new RolloutFigures(min(floorV1, other.floorV1), min(orcCreate, other.orcCreate), min(floorV2, other.floorV2),
                min(orcUpdate, other.orcUpdate), min(swarmCreate, other.swarmCreate));
    }

    private static Duration min(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    void print(PrintWriter out) {
        out.printf("%-40s %9s %14s%n", "", "best (s)", "vs the floor");
        row(out, "docker run, in parallel (the floor)", floorV1, null);
        row(out, "orc: create Deployment to all Ready", orcCreate, floorV1);
        row(out, "swarm: service create to all running", swarmCreate, floorV1);
        row(out, "docker run of the new image (floor)", floorV2, null);
        row(out, "orc: rolling update to all Ready", orcUpdate, floorV2);
    }

    private static void row(PrintWriter out, String name, Duration value, Duration floor) {
        if (value == null) {
            return;
        }
        out.printf("%-40s %9.2f", name, value.toNanos() / 1e9);
        if (floor != null) {
            out.printf(" %13.2fx", (double) value.toNanos() / floor.toNanos());
        }
        out.println();
    }
}
