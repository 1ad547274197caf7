/**
 * Typed views of orc's API objects, and the Kubernetes value types and defaults they use.
 *
 * <p>The API server and the store keep every object as a JSON tree, so nothing a user wrote is
 * lost. Logic reads an object through an immutable record of its kind
 * ({@code Json.convert(tree, Deployment.class)}: fields the view does not model are ignored),
 * changes it with withers, and writes it back with {@code Json.tree(view)}. Absent lists and maps
 * read as empty and are left out when written; absent scalars stay {@code null}, which
 * {@link dev.orc.api.model.Defaults} fills in on the tree as Kubernetes would.
 *
 * <p>Kinds: {@link dev.orc.api.model.Pod}, {@link dev.orc.api.model.Service},
 * {@link dev.orc.api.model.Endpoints}, {@link dev.orc.api.model.ConfigMap}, {@link dev.orc.api.model.Secret},
 * {@link dev.orc.api.model.Node}, {@link dev.orc.api.model.Event}, {@link dev.orc.api.model.Namespace},
 * {@link dev.orc.api.model.Deployment}, {@link dev.orc.api.model.ReplicaSet},
 * {@link dev.orc.api.model.DaemonSet}, {@link dev.orc.api.model.Job}, {@link dev.orc.api.model.CronJob},
 * {@link dev.orc.api.model.StatefulSet}, {@link dev.orc.api.model.ControllerRevision},
 * {@link dev.orc.api.model.PersistentVolumeClaim},
 * {@link dev.orc.api.model.GitSource}.
 * Values: {@link dev.orc.api.model.Quantity}, {@link dev.orc.api.model.IntOrString},
 * {@link dev.orc.api.model.LabelSelector}, {@link dev.orc.api.model.NodeSelector},
 * {@link dev.orc.api.model.Toleration}, {@link dev.orc.api.model.Durations}, {@link dev.orc.api.model.Timestamps}.
 */
package dev.orc.api.model;
