package dev.orc.reconciler.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.model.ServiceAccount;
import dev.orc.api.status.ApiException;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Kubernetes' ServiceAccount admission of a pod being created: {@code spec.serviceAccountName} defaults to
 * {@code default}, a pod naming an account its namespace does not have is refused, and an account with
 * {@code automountServiceAccountToken: false} leaves the pod's token unmounted unless the pod asks for it (written on
 * the pod as its own {@code automountServiceAccountToken: false}, where Kubernetes leaves out the token's volume). A pod
 * naming {@code default} is let in before the controller has made that account, so a namespace and its pods can be
 * applied at once; its node waits for the account to ask for its token.
 */
public final class ServiceAccountAdmission {
    private final BiFunction<String, String, Optional<JsonNode>> accounts;

    /** @param accounts the ServiceAccount of a namespace and name, if there is one */
    public ServiceAccountAdmission(BiFunction<String, String, Optional<JsonNode>> accounts) {
        this.accounts = accounts;
    }

    public ObjectNode check(String namespace, ObjectNode pod) {
        if (pod.path("metadata").hasNonNull("uid") || !(pod.get("spec") instanceof ObjectNode spec)) {
            return pod;
        }
        String name = spec.path("serviceAccountName").asText("");
        if (name.isEmpty()) {
            name = ServiceAccount.DEFAULT;
            spec.put("serviceAccountName", name);
        }
        Optional<JsonNode> account = accounts.apply(namespace, name);
        if (account.isEmpty() && !ServiceAccount.DEFAULT.equals(name)) {
            throw new ApiException.Forbidden(ResourceTypes.POD, pod.path("metadata").path("name").asText(),
                    "error looking up service account " + namespace + "/" + name + ": serviceaccount \"" + name
                            + "\" not found");
        }
        boolean accountMounts = account.map(a -> a.path("automountServiceAccountToken").asBoolean(true)).orElse(true);
        if (!accountMounts && !spec.hasNonNull("automountServiceAccountToken")) {
            spec.put("automountServiceAccountToken", false);
        }
        return pod;
    }
}
