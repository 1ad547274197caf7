package dev.orc.bench;

import java.util.List;

/**
 * One load of the dashboard's tree, in seconds from the navigation's start as the page's clock reads them: the first
 * pods drawn, every pod drawn, the last of the page's files answered, the first list asked, the longest a list waited
 * for the server's first byte (from its request sent), and the last list answered; with the number of requests, the
 * protocol of the lists and the wall time the benchmark saw from navigation to the whole tree.
 */
record PageLoad(double firstPods, double allPods, double modulesDone, double listsAsked, double listWait,
                double listsDone, int requests, String protocol, double wall) {

    /** The median time to the whole tree of {@code loads}. */
    static double median(List<PageLoad> loads) {
        return medianOf(loads.stream().map(PageLoad::allPods).toList());
    }

    /** The shortest time to the whole tree of {@code loads}. */
    static double best(List<PageLoad> loads) {
        return loads.stream().mapToDouble(PageLoad::allPods).min().orElse(Double.NaN);
    }

    /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
    static double medianOf(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
