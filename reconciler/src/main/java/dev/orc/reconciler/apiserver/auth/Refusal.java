package dev.orc.reconciler.apiserver.auth;

/** A refusal worded as kube-apiserver words it, so that people and tools that know it read it at once. */
final class Refusal {
    private Refusal() {
    }

    static String of(UserInfo user, RequestAttributes request) {
        String who = "User \"" + user.name() + "\"";
        if (!request.resourceRequest()) {
            return "forbidden: " + who + " cannot " + request.verb() + " path \"" + request.path() + "\"";
        }
        String resource = request.subresource() == null ? request.resource()
                : request.resource() + "/" + request.subresource();
        String target = request.name() == null ? request.resource()
                : request.resource() + " \"" + request.name() + "\"";
        StringBuilder message = new StringBuilder(target).append(" is forbidden: ").append(who).append(" cannot ")
                .append(request.verb()).append(" resource \"").append(resource).append("\" in API group \"")
                .append(request.apiGroup()).append('"');
        if (request.namespace() != null) {
            message.append(" in the namespace \"").append(request.namespace()).append('"');
        } else {
            message.append(" at the cluster scope");
        }
        return message.toString();
    }
}
