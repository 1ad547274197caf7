package dev.orc.reconciler.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orc.api.auth.IssuedToken;
import dev.orc.api.ingress.TlsBinding;
import dev.orc.api.meta.ResourceTypes;
import dev.orc.api.nodeaccess.NodeServingCertificate;
import dev.orc.api.status.ApiException;
import dev.orc.reconciler.apiserver.registry.FieldSelectorQuery;
import dev.orc.reconciler.apiserver.registry.LabelSelectorQuery;
import dev.orc.reconciler.apiserver.registry.ObjectRegistry;
import dev.orc.reconciler.apiserver.registry.Selection;

import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' node authorizer: a node ({@code system:node:NAME} in {@code system:nodes}) may read and write its own
 * Node and its Lease in {@code kube-node-lease}, list and watch only the pods bound to it (the field selector
 * {@code spec.nodeName=NAME}), read those pods and write their status, annotations and final deletion, read the
 * Secrets, ConfigMaps and PersistentVolumeClaims they use, ask for their own serving certificate and for tokens of
 * the service accounts they run as ({@link TokenRequests} holds a token to a pod of the node), read Services and Endpoints (its proxy and DNS) and
 * Nodes, read Ingresses and IngressClasses and list and watch the Secrets of type {@code kubernetes.io/tls} (its
 * ingress serves every Ingress; a node may list no other Secrets), and record Events. Anything else a node asks goes to {@code next} (RBAC), which grants nodes nothing unless
 * someone bound them a role; every other user goes to {@code next} straight away. The names of a node's own Node and
 * Lease on create are held by {@link NodeRestriction}.
 */
public final class NodeAuthorizer implements Authorizer {
    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final Set<String> WRITE = Set.of("create", "update", "patch");
    private static final Set<String> USED_BY_PODS = Set.of("secrets", "configmaps", "persistentvolumeclaims");

    private final ObjectRegistry registry;
    private final Authorizer next;

    public NodeAuthorizer(ObjectRegistry registry, Authorizer next) {
        this.registry = registry;
        this.next = next;
    }

    /** The name of the node a user is, if it is one. */
    static Optional<String> nodeName(UserInfo user) {
        return user.inGroup(IssuedToken.NODES_GROUP) && user.name().startsWith(IssuedToken.NODE_USER_PREFIX)
                ? Optional.of(user.name().substring(IssuedToken.NODE_USER_PREFIX.length())) : Optional.empty();
    }

    @Override
    public RbacAuthorizer.Decision authorize(UserInfo user, RequestAttributes request) {
        Optional<String> node = nodeName(user);
        if (node.isEmpty() || !request.resourceRequest()) {
            return next.authorize(user, request);
        }
        Optional<String> allowedBecause = allows(node.get(), request);
        return allowedBecause.map(RbacAuthorizer.Decision::allow).orElseGet(() -> next.authorize(user, request));
    }

    private Optional<String> allows(String node, RequestAttributes request) {
        String verb = request.verb();
        String resource = request.resource();
        String group = request.apiGroup();
        String subresource = request.subresource();
        if (group.isEmpty() && ("services".equals(resource) || "endpoints".equals(resource) || "nodes".equals(resource))
                && subresource == null && READ.contains(verb)) {
            return reason("nodes read Services, Endpoints and Nodes");
        }
        if ("networking.k8s.io".equals(group) && ("ingresses".equals(resource) || "ingressclasses".equals(resource))
                && subresource == null && READ.contains(verb)) {
            return reason("nodes serve Ingresses");
        }
        if (group.isEmpty() && "secrets".equals(resource) && subresource == null && request.name() == null
                && ("list".equals(verb) || "watch".equals(verb)) && TlsBinding.TLS_SECRETS.equals(request.fieldSelector())) {
            return reason("nodes serve Ingresses with the certificates of TLS Secrets");
        }
        if (group.isEmpty() && "events".equals(resource) && WRITE.contains(verb)) {
            return reason("nodes record Events");
        }
        if (group.isEmpty() && "nodes".equals(resource) && WRITE.contains(verb)
                && (subresource == null || "status".equals(subresource))
                && (request.name() == null ? "create".equals(verb) : request.name().equals(node))) {
            return reason("node " + node + " writes its own Node");
        }
        if (group.isEmpty() && "nodes".equals(resource) && NodeServingCertificate.SUBRESOURCE.equals(subresource)
                && "create".equals(verb) && node.equals(request.name())) {
            return reason("node " + node + " asks for its own serving certificate");
        }
        if ("coordination.k8s.io".equals(group) && "leases".equals(resource) && subresource == null
                && "kube-node-lease".equals(request.namespace()) && (READ.contains(verb) || WRITE.contains(verb))
                && (request.name() == null ? "create".equals(verb) : request.name().equals(node))) {
            return reason("node " + node + " keeps its own Lease");
        }
        if (group.isEmpty() && "pods".equals(resource)) {
            return pods(node, request);
        }
        if (group.isEmpty() && "serviceaccounts".equals(resource) && "token".equals(subresource)
                && "create".equals(verb) && request.name() != null
                && usedByPodOn(node, request.namespace(), resource, request.name())) {
            return reason("a pod bound to node " + node + " runs as service account " + request.name());
        }
        if (group.isEmpty() && USED_BY_PODS.contains(resource) && subresource == null && "get".equals(verb)
                && request.name() != null && usedByPodOn(node, request.namespace(), resource, request.name())) {
            return reason("a pod bound to node " + node + " uses " + resource + " " + request.name());
        }
        return Optional.empty();
    }

    private Optional<String> pods(String node, RequestAttributes request) {
        String verb = request.verb();
        if (request.name() == null) {
            boolean ownPods = ("list".equals(verb) || "watch".equals(verb)) && request.subresource() == null
                    && ("spec.nodeName=" + node).equals(request.fieldSelector());
            return ownPods ? reason("node " + node + " lists the pods bound to it") : Optional.empty();
        }
        boolean allowedVerb = request.subresource() == null ? Set.of("get", "patch", "delete").contains(verb)
                : "status".equals(request.subresource()) && Set.of("get", "update", "patch").contains(verb);
        return allowedVerb && boundTo(node, request.namespace(), request.name())
                ? reason("pod " + request.name() + " is bound to node " + node) : Optional.empty();
    }

    private boolean boundTo(String node, String namespace, String pod) {
        try {
            return node.equals(registry.get(ResourceTypes.POD, namespace, pod).path("spec").path("nodeName").asText());
        } catch (ApiException.NotFound e) {
            return false;
        }
    }

    private boolean usedByPodOn(String node, String namespace, String resource, String name) {
        Selection onNode = new Selection(LabelSelectorQuery.everything(),
                FieldSelectorQuery.parse("spec.nodeName=" + node));
        ObjectNode pods = registry.list(ResourceTypes.POD, namespace, onNode, 0, null);
        for (JsonNode pod : pods.path("items")) {
            if (PodReferences.of(pod).uses(resource, name)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> reason(String why) {
        return Optional.of("the node authorizer: " + why);
    }
}
