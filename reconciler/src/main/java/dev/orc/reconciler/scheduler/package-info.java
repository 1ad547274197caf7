/**
 * The scheduler: puts each pod without {@code spec.nodeName} (for {@code default-scheduler}) on a node.
 *
 * <pre>
 *  pod informer ─┐                      ┌──────────── one decision (scheduling thread) ────────────┐
 *                ├─▶ ClusterEvents ─▶ SchedulingQueue ─▶ Framework over the SchedulerCache snapshot:
 *  node informer ┘      │                 ▲   ▲          filters (first rejection per node) ─▶ scores
 *                       ▼                 │   │          (weighted, normalized) ─▶ best node, stable tie-break
 *                SchedulerCache ◀─ assume ┘   │                  │                      │
 *                (NodeInfo per node:          │           Placement: assume,      FitError: unschedulable
 *                 sums kept per pod)          │           bind in background      with backoff; condition
 *                                             └── bind failed: forget, decide again (bounded) + Event
 * </pre>
 *
 * <p>{@link dev.orc.reconciler.scheduler.Scheduler} is the loop; its only writes are bindings, the pod status of
 * a pod that fits nowhere and Events, through the typed API client.
 * {@code framework} holds the snapshot, the plugin interfaces and the decision; {@code plugins} the
 * filter and score plugins, one class each; {@code queue} the scheduling queue; {@code bench} the
 * in-process benchmark.
 */
package dev.orc.reconciler.scheduler;
