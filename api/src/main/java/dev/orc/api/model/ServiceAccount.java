package dev.orc.api.model;

import java.util.List;

/**
 * v1 ServiceAccount: an identity for the processes of pods, {@code system:serviceaccount:NAMESPACE:NAME} to the API.
 * {@code automountServiceAccountToken: false} keeps its token out of the pods that run as it (unless a pod asks).
 */
public record ServiceAccount(String apiVersion, String kind, ObjectMeta metadata,
                             @OmitEmpty List<ObjectReference> secrets,
                             @OmitEmpty List<LocalObjectReference> imagePullSecrets,
                             Boolean automountServiceAccountToken) implements KubeObject {
    public static final String API_VERSION = "v1";
    public static final String KIND = "ServiceAccount";
    /** The account every namespace has and a pod naming none runs as. */
    public static final String DEFAULT = "default";

    public ServiceAccount {
        secrets = Immutable.list(secrets);
        imagePullSecrets = Immutable.list(imagePullSecrets);
    }

    public static ServiceAccount of(ObjectMeta metadata) {
        return new ServiceAccount(API_VERSION, KIND, metadata, null, null, null);
    }

    @Override
    public ServiceAccount withMetadata(ObjectMeta metadata) {
        return new ServiceAccount(apiVersion, kind, metadata, secrets, imagePullSecrets, automountServiceAccountToken);
    }
}
