package dev.orc.reconciler.join;

/** The cluster token given is not the one the cluster was created with. */
public class WrongClusterTokenException extends RuntimeException {
    WrongClusterTokenException() {
        super("the cluster token does not match the one this cluster was created with: refusing to join"
                + " (nothing was changed; give the --cluster-token of the first server)");
    }
}
