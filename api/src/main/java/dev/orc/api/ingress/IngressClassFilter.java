package dev.orc.api.ingress;

import dev.orc.api.model.Ingress;
import dev.orc.api.model.IngressClass;

import java.util.List;
import java.util.Objects;

/**
 * Which Ingresses orc serves: those whose class (spec.ingressClassName, or the older {@code kubernetes.io/ingress.class}
 * annotation) is an IngressClass of controller {@code orc.dev/ingress}, and those naming no class while the default
 * class is orc's (or no class is marked default). An Ingress of another controller's class is left to it.
 */
public final class IngressClassFilter {
    public static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    private IngressClassFilter() {
    }

    public static boolean servedByOrc(Ingress ingress, List<IngressClass> classes) {
        String name = className(ingress);
        if (name == null) {
            List<IngressClass> defaults = classes.stream().filter(IngressClass::markedDefault).toList();
            return defaults.isEmpty() || defaults.stream().anyMatch(IngressClassFilter::isOrcs);
        }
        return classes.stream().anyMatch(c -> name.equals(c.name()) && isOrcs(c));
    }

    static String className(Ingress ingress) {
        if (ingress.spec() != null && ingress.spec().ingressClassName() != null) {
            return ingress.spec().ingressClassName();
        }
        return ingress.metadata() == null ? null : ingress.metadata().annotations().get(LEGACY_CLASS_ANNOTATION);
    }

    private static boolean isOrcs(IngressClass ingressClass) {
        return ingressClass.spec() != null && Objects.equals(IngressClass.ORC_CONTROLLER, ingressClass.spec().controller());
    }
}
