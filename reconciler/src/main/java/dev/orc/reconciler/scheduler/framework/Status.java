package dev.orc.reconciler.scheduler.framework;

import java.util.List;

/** What a filter plugin says about one node: fits, or does not for these reasons (the words counted in the fit error). */
public record Status(boolean success, String plugin, List<String> reasons) {
    public static final Status SUCCESS = new Status(true, "", List.of());

    public Status {
        reasons = List.copyOf(reasons);
    }

    public static Status unschedulable(String plugin, String... reasons) {
        return new Status(false, plugin, List.of(reasons));
    }

    public static Status unschedulable(String plugin, List<String> reasons) {
        return new Status(false, plugin, reasons);
    }
}
