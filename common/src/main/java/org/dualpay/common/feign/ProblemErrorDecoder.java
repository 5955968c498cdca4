package org.dualpay.common.feign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import feign.Response;
import feign.codec.ErrorDecoder;
import org.dualpay.common.error.RemoteProblemException;

/**
 * Turns every non-2xx answer of a Feign call into a {@link RemoteProblemException} carrying the
 * problem's {@code code}, so callers can branch on {@code INSUFFICIENT_STOCK} and the like.
 */
public class ProblemErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY = 16 * 1024;

    private final ObjectMapper json;

    public ProblemErrorDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        String code = "HTTP_" + response.status();
        String detail = response.reason();
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
            } catch (IOException | RuntimeException notJson) {
                // keep the HTTP status as the code
            }
        }
        return new RemoteProblemException(methodKey, response.status(), code, detail);
    }
}
