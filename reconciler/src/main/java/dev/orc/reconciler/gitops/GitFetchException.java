package dev.orc.reconciler.gitops;

/** A fetch failed; the message is safe to show (it never contains credentials). */
public class GitFetchException extends Exception {
    public GitFetchException(String message, Throwable cause) {
        super(message, cause);
    }

    public GitFetchException(String message) {
        super(message);
    }
}
