package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.orc.node.runtime.ContainerConflictException;
import dev.orc.node.runtime.ContainerNotFoundException;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.HostPortInUseException;
import dev.orc.node.runtime.ImagePullException;
import dev.orc.node.runtime.RuntimeUnavailableException;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Translates docker-java's exceptions into the runtime's, with messages for a person. */
final class DockerErrors {

    private static final List<String> UNREACHABLE = List.of("dial tcp", "no such host", "connection refused",
            "i/o timeout", "network is unreachable", "tls handshake", "timeout exceeded", "no route to host",
            "server gave http response to https client");
    private static final List<String> MISSING = List.of("manifest unknown", "not found", "repository does not exist",
            "pull access denied", "name unknown");

    /** How the engine says a published host port is taken: by its own allocator, or by the kernel on the proxy's bind. */
    private static final List<String> PORT_TAKEN = List.of("port is already allocated", "address already in use");

    private final URI dockerHost;

    DockerErrors(URI dockerHost) {
        this.dockerHost = dockerHost;
    }

    /** For an operation on a container: a 404 means the container is gone. */
    ContainerRuntimeException container(String action, String idOrName, RuntimeException e) {
        if (e instanceof NotFoundException) {
            return new ContainerNotFoundException(idOrName);
        }
        String lower = message(e).toLowerCase(Locale.ROOT);
        if (!(e instanceof ContainerRuntimeException) && PORT_TAKEN.stream().anyMatch(lower::contains)) {
            return new HostPortInUseException("cannot " + action + " container '" + idOrName + "': " + message(e), e);
        }
        if (e instanceof ConflictException) {
            return new ContainerConflictException("cannot " + action + " container '" + idOrName + "': " + message(e));
        }
        return general("cannot " + action + " container '" + idOrName + "'", e);
    }

    /** For a pull: sorts the registry's answer into not found and unreachable. */
    ImagePullException pull(String image, RuntimeException e) {
        String message = message(e);
        String lower = message.toLowerCase(Locale.ROOT);
        ImagePullException.Reason reason;
        if (UNREACHABLE.stream().anyMatch(lower::contains)) {
            reason = ImagePullException.Reason.REGISTRY_UNREACHABLE;
        } else if (MISSING.stream().anyMatch(lower::contains)) {
            reason = ImagePullException.Reason.NOT_FOUND;
        } else {
            reason = ImagePullException.Reason.FAILED;
        }
        return new ImagePullException(reason, image, message);
    }

    ContainerRuntimeException general(String what, RuntimeException e) {
        if (e instanceof ContainerRuntimeException known) {
            return known;
        }
        if (isConnectionFailure(e)) {
            return new RuntimeUnavailableException("cannot reach the Docker engine at " + dockerHost
                    + " (is dockerd running and may this user use its socket?): " + rootMessage(e), e);
        }
        return new ContainerRuntimeException(what + ": " + message(e), e);
    }

    static boolean isNotModified(RuntimeException e) {
        return e instanceof NotModifiedException;
    }

    private static boolean isConnectionFailure(Throwable e) {
        if (e instanceof DockerException) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** docker-java puts the daemon's JSON answer in the message; keep just its text. */
    static String message(Throwable e) {
        String m = e instanceof DockerClientException || e.getMessage() == null ? rootMessage(e) : e.getMessage();
        int start = m.indexOf("{\"message\":\"");
        if (start >= 0) {
            int end = m.lastIndexOf("\"}");
            if (end > start) {
                m = m.substring(start + "{\"message\":\"".length(), end);
            }
        }
        return m.replaceFirst("^Status \\d+: ", "").replace("\\\"", "\"").strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
