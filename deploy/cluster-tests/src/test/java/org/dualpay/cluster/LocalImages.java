package org.dualpay.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Testcontainers' own images, as {@code deploy/docker/images.sh} chose them: its ambassador
 * ({@code alpine/socat}, which exposes a compose service's port to the tests) becomes
 * {@code SOCAT_IMAGE} of {@code deploy/.images.env}, the official image where it could be pulled,
 * a local stand-in where not. Every other image is left as it is. Named in
 * {@code testcontainers.properties} ({@code image.substitutor}).
 */
public class LocalImages extends ImageNameSubstitutor {

    private static final Path IMAGES_ENV = Path.of("..", ".images.env");

    @Override
    public DockerImageName apply(DockerImageName original) {
        if (!original.getUnversionedPart().equals("alpine/socat")) {
            return original;
        }
        return chosen("SOCAT_IMAGE").map(DockerImageName::parse).orElse(original);
    }

    private static Optional<String> chosen(String variable) {
        if (!Files.exists(IMAGES_ENV)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(IMAGES_ENV).stream().filter(line -> line.startsWith(variable + "="))
                    .map(line -> line.substring(variable.length() + 1).trim()).filter(value -> !value.isEmpty())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    protected String getDescription() {
        return "the images deploy/docker/images.sh chose (deploy/.images.env)";
    }
}
