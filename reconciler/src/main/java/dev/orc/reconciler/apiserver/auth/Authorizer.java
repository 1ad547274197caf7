package dev.orc.reconciler.apiserver.auth;

/** Whether a user may make a request, and by which rule or why not. */
@FunctionalInterface
public interface Authorizer {
    RbacAuthorizer.Decision authorize(UserInfo user, RequestAttributes request);
}
