package org.dualpay.common.feign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import feign.Response;
import feign.codec.ErrorDecoder;
import org.dualpay.common.error.RemoteProblemException;

/**
 * Turns every non-2xx answer of a Feign call into a {@link RemoteProblemException} carrying the
 * problem document's members (code, detail and the rest), so callers can branch on
 * {@code INSUFFICIENT_STOCK} and the like and read what the refusal said.
 */
public class ProblemErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY = 16 * 1024;
    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance", "code");

    private final ObjectMapper json;

    public ProblemErrorDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        String code = "HTTP_" + response.status();
        String detail = response.reason();
        Map<String, Object> properties = new LinkedHashMap<>();
        if (response.body() != null) {
            try (InputStream in = response.body().asInputStream()) {
                String body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
                JsonNode node = json.readTree(body);
                if (node != null && node.hasNonNull("code")) {
                    code = node.get("code").asText();
                }
                if (node != null && node.hasNonNull("detail")) {
                    detail = node.get("detail").asText();
                }
                if (node != null && node.isObject()) {
                    node.fields().forEachRemaining(field -> {
                        if (!STANDARD.contains(field.getKey()) && !field.getValue().isNull()) {
                            properties.put(field.getKey(), field.getValue().isValueNode()
                                    ? field.getValue().asText() : field.getValue().toString());
                        }
                    });
                }
            } catch (IOException | RuntimeException notJson) {
                // keep the HTTP status as the code
            }
        }
        return new RemoteProblemException(methodKey, response.status(), code, detail, properties);
    }
}
