package dev.orc.reconciler.apiserver.registry;

import dev.orc.api.context.ThreadBinding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Warnings a request's answer carries to its client (HTTP {@code Warning: 299} headers, which kubectl prints), added
 * from anywhere the request's handler reaches, as kube-apiserver's {@code warning.AddWarning} does. In-process calls
 * collect none.
 */
public final class RequestWarnings {
    private static final ThreadBinding<List<String>> CURRENT = new ThreadBinding<>();

    private RequestWarnings() {
    }

    /** Adds {@code text} to the warnings of the request this thread serves, if it serves one. */
    public static void add(String text) {
        CURRENT.current().ifPresent(warnings -> warnings.add(text));
    }

    /** Whether this thread serves a request whose client is told warnings. */
    public static boolean collected() {
        return CURRENT.current().isPresent();
    }

    /** Runs {@code work}, gathering into {@code warnings} what it warns of. */
    public static <T> T collecting(List<String> warnings, Supplier<T> work) {
        return CURRENT.with(warnings, work);
    }

    /** A fresh list to collect into, safe to add to from the handler's thread while the request's thread reads it. */
    public static List<String> none() {
        return Collections.synchronizedList(new ArrayList<>());
    }
}
