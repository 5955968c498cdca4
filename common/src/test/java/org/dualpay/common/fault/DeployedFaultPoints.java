package org.dualpay.common.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fault point names the chaos scenarios ({@code arm "$URL" <point>}) and the cluster tests
 * ({@code armFault(url, "<point>", ...)}, {@code armOnce("<point>")}, {@code FAULT = "<point>"}) arm,
 * read from the repository, so that a service's test can check it knows every one of them.
 */
public final class DeployedFaultPoints {

    private static final List<Pattern> ARMING = List.of(
            Pattern.compile("\\barm \"\\$\\w+\" ([a-z][a-z0-9.-]+)"),
            Pattern.compile("armFault\\([^,]+,\\s*\"([^\"]+)\""),
            Pattern.compile("armOnce\\(\"([^\"]+)\""),
            Pattern.compile("FAULT = \"([^\"]+)\""));

    private DeployedFaultPoints() {
    }

    /** Every name armed under {@code deploy/chaos} and {@code deploy/cluster-tests}, seen from a module's folder. */
    public static Set<String> armed() {
        Path deploy = Path.of("..", "deploy");
        Set<String> names = new TreeSet<>();
        for (Path folder : List.of(deploy.resolve("chaos"), deploy.resolve("cluster-tests"))) {
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("no " + folder.toAbsolutePath() + ": run from a module of the repository");
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(f -> f.toString().endsWith(".sh") || f.toString().endsWith(".java"))
                        .forEach(f -> names.addAll(armedIn(read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    static Set<String> armedIn(String text) {
        Set<String> names = new TreeSet<>();
        for (Pattern pattern : ARMING) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
