package dev.orc.api.openapi;

import dev.orc.api.meta.ResourceType;

import java.util.Set;

/**
 * The names OpenAPI components have in Kubernetes: {@code io.k8s.api.core.v1.Pod},
 * {@code io.k8s.api.apps.v1.DeploymentSpec}, {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}; a group
 * Kubernetes does not define is named as kube-apiserver names a custom resource's schema, its group reversed
 * ({@code dev.orc.v1.GitSource}).
 */
public final class ComponentNames {
    /** Kubernetes' int-or-string: a port number or name, a count or a percentage. */
    public static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    /** Kubernetes' resource quantity ({@code 250m}, {@code 64Mi}). */
    public static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1";
    private static final Set<String> META_TYPES =
            Set.of("ObjectMeta", "OwnerReference", "LabelSelector", "LabelSelectorRequirement", "Condition");
    /** Shared definitions Kubernetes keeps in the core group though a kind of another group reaches them first. */
    private static final Set<String> CORE_TYPES = Set.of("PodTemplateSpec");
    private static final String KUBERNETES_SUFFIX = ".k8s.io";

    private ComponentNames() {
    }

    /** {@code io.k8s.api.apps.v1} for {@code apps/v1}, {@code io.k8s.api.core.v1} for {@code v1}. */
    public static String packageOf(String group, String version) {
        if (group.isEmpty()) {
            return "io.k8s.api.core." + version;
        }
        if (group.endsWith(KUBERNETES_SUFFIX)) {
            return "io.k8s.api." + group.substring(0, group.indexOf('.')) + "." + version;
        }
        if (!group.contains(".")) {
            return "io.k8s.api." + group + "." + version;
        }
        String[] labels = group.split("\\.");
        StringBuilder reversed = new StringBuilder();
        for (int i = labels.length - 1; i >= 0; i--) {
            reversed.append(labels[i]).append('.');
        }
        return reversed + version;
    }

    /** The component of a kind itself. */
    public static String kind(ResourceType type) {
        return packageOf(type.group(), type.version()) + "." + type.kind();
    }

    /**
     * A shared definition: in apimachinery's meta package or the core group when Kubernetes has it there, else in
     * {@code pkg}, the package of the first kind reaching it.
     */
    static String definition(String pkg, String name) {
        if (META_TYPES.contains(name)) {
            return META + "." + name;
        }
        return (CORE_TYPES.contains(name) ? packageOf("", "v1") : pkg) + "." + name;
    }

    /** {@code DeploymentStrategy} of {@code io.k8s.api.apps.v1.DeploymentStrategy}: what explain shows as the type. */
    public static String shortName(String component) {
        return component.substring(component.lastIndexOf('.') + 1);
    }
}
