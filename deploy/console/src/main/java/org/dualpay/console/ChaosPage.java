package org.dualpay.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The chaos runs' history with their verdicts: what deploy/chaos/run-all.sh left in its folders
 * ({@code <dir>/runs/<UTC time>-<scenarios>/<scenario>.result.json}), newest first. The folders are
 * {@code dualpay.console.chaos-dirs}; cluster.sh names the local cluster's (.cluster/chaos and
 * .cluster/chaos-compose). Read-only; only files named *.result.json under those folders are read.
 */
@Controller
class ChaosPage {

    private static final int RUNS = 20;

    private final ConsoleProperties properties;
    private final ObjectMapper json;

    ChaosPage(ConsoleProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @GetMapping("/chaos")
    String chaos(Model model) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (String dir : properties.chaosDirs()) {
            Path root = Path.of(dir, "runs");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> found = Files.list(root)) {
                for (Path run : found.filter(Files::isDirectory).toList()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", run.getFileName().toString());
                    row.put("where", dir);
                    row.put("scenarios", results(run));
                    runs.add(row);
                }
            } catch (IOException e) {
                model.addAttribute("error", "cannot read " + root + ": " + e.getMessage());
            }
        }
        runs.sort(Comparator.comparing((Map<String, Object> r) -> (String) r.get("name")).reversed());
        model.addAttribute("runs", runs.size() > RUNS ? runs.subList(0, RUNS) : runs);
        model.addAttribute("dirs", properties.chaosDirs());
        return "chaos";
    }

    private List<Map<String, Object>> results(Path run) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".result.json")).sorted().toList()) {
                try {
                    results.add(json.readValue(file.toFile(), Map.class));
                } catch (IOException e) {
                    results.add(Map.of("scenario", file.getFileName().toString(), "verdict", "UNREADABLE",
                            "reasons", List.of(String.valueOf(e.getMessage()))));
                }
            }
        }
        return results;
    }
}
