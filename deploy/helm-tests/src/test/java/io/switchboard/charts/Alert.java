package io.switchboard.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One alert of the rendered PrometheusRule. */
public record Alert(String name, String expr, Map<String, String> labels, Map<String, String> annotations) {

    /** A metric selector: a name followed by its label matchers (every query of the charts names its labels). */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    @SuppressWarnings("unchecked")
    public static List<Alert> of(Rendered rendered) {
        List<Alert> alerts = new ArrayList<>();
        for (var rule : rendered.ofKind("PrometheusRule")) {
            Map<String, Object> spec = Rendered.spec(rule);
            for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
                for (Map<String, Object> alert : (List<Map<String, Object>>) group.get("rules")) {
                    alerts.add(new Alert(
                            (String) alert.get("alert"),
                            (String) alert.get("expr"),
                            (Map<String, String>) alert.get("labels"),
                            (Map<String, String>) alert.get("annotations")));
                }
            }
        }
        return alerts;
    }

    /** The metrics the alert reads. */
    public Set<String> metrics() {
        return metricsOf(expr);
    }

    /** The metrics a PromQL query reads. */
    public static Set<String> metricsOf(String query) {
        Set<String> metrics = new TreeSet<>();
        Matcher matcher = SELECTOR.matcher(query);
        while (matcher.find()) {
            metrics.add(matcher.group(1));
        }
        return metrics;
    }
}
