package dev.orc.api.validation;

import com.networknt.schema.path.NodePath;

import java.util.regex.Pattern;

/** Field paths in Kubernetes notation: {@code spec.containers[0].ports[1].containerPort}, {@code metadata.labels[app.kubernetes.io/name]}. */
final class FieldPath {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    private FieldPath() {
    }

    static String of(NodePath path) {
        String out = "";
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out = element instanceof Integer index ? out + "[" + index + "]" : child(out, String.valueOf(element));
        }
        return out;
    }

    /** The path of a field named {@code name} inside the object at {@code parent}. */
    static String child(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        return parent + "[" + name + "]";
    }
}
