package dev.orc.api.model;

/** Points at another object, as events and endpoint addresses do. */
public record ObjectReference(String apiVersion, String kind, String namespace, String name, String uid,
                              String resourceVersion, String fieldPath) {

    public static ObjectReference to(KubeObject object) {
        ObjectMeta meta = object.metadata();
        return new ObjectReference(object.apiVersion(), object.kind(), object.namespace(), object.name(),
                meta == null ? null : meta.uid(), meta == null ? null : meta.resourceVersion(), null);
    }
}
