package io.switchboard.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The Grafana dashboard the umbrella chart ships ({@code files/dashboard.json}). */
public record Dashboard(JsonNode json) {

    public static Dashboard shipped() {
        try {
            return new Dashboard(new ObjectMapper()
                    .readTree(Charts.source(Charts.UMBRELLA)
                            .resolve("files/dashboard.json")
                            .toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> panelTitles() {
        List<String> titles = new ArrayList<>();
        json.path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
        return titles;
    }

    public List<String> queries() {
        List<String> queries = new ArrayList<>();
        json.path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(target -> queries.add(target.path("expr").asText())));
        json.path("templating").path("list").forEach(variable -> {
            if (variable.path("query").has("query")) {
                queries.add(
                        variable.path("query").path("query").asText().replaceAll("label_values\\((\\w+),.*", "$1{}"));
            }
        });
        return queries;
    }

    /** The metrics its panels and variables read. */
    public Set<String> metrics() {
        Set<String> metrics = new TreeSet<>();
        queries().forEach(query -> metrics.addAll(Alert.metricsOf(query)));
        return metrics;
    }
}
