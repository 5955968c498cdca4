package org.dualpay.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The services as the console calls them: as the operator (HTTP Basic), by their name in Nacos through
 * Spring Cloud LoadBalancer for reads, and one instance at a time (as Nacos lists them) for fault points.
 * Each read comes back as a {@link Part}: its data, or what went wrong, so that a page shows what it
 * could get and says what it could not.
 */
@Component
public class Services {

    /** A piece of a page: the data, or why there is none ({@code status} 404: there is none). */
    public record Part<T>(T data, int status, String error) {

        static <T> Part<T> of(T data) {
            return new Part<>(data, 200, null);
        }

        public boolean ok() {
            return error == null;
        }

        public boolean missing() {
            return status == 404;
        }

        /** For the templates (SpEL reads bean properties). */
        public T getData() {
            return data;
        }

        public String getError() {
            return error;
        }
    }

    /** An instance of a service, as the fault-point page addresses it. */
    public record Instance(String service, String address, URI uri) {
    }

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    private final RestClient byName;
    private final RestClient direct;
    private final DiscoveryClient discovery;

    Services(@LoadBalanced RestClient.Builder loadBalanced, ConsoleProperties properties, DiscoveryClient discovery) {
        this.byName = asOperator(loadBalanced, properties).build();
        this.direct = asOperator(RestClient.builder(), properties).build();
        this.discovery = discovery;
    }

    private static RestClient.Builder asOperator(RestClient.Builder builder, ConsoleProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(15));
        return builder.requestFactory(requests)
                .defaultHeaders(h -> h.setBasicAuth("operator", properties.operatorPassword()))
                .defaultHeaders(h -> h.setAccept(List.of(MediaType.APPLICATION_JSON)));
    }

    /** GET http://{service}{path} as a JSON object. */
    public Part<Map<String, Object>> object(String service, String path, Object... vars) {
        return read(() -> byName.get().uri("http://" + service + path, vars).retrieve().body(OBJECT));
    }

    /** GET http://{service}{path} as a JSON array. */
    public Part<List<Map<String, Object>>> list(String service, String path, Object... vars) {
        return read(() -> byName.get().uri("http://" + service + path, vars).retrieve().body(LIST));
    }

    /** Every instance of a service registered in Nacos now. */
    public List<Instance> instances(String service) {
        return discovery.getInstances(service).stream()
                .map(i -> new Instance(service, i.getHost() + ":" + i.getPort(), i.getUri()))
                .toList();
    }

    /** The instance of a service at an address Nacos lists for it; none for any other address. */
    public java.util.Optional<Instance> instance(String service, String address) {
        return instances(service).stream().filter(i -> i.address().equals(address)).findFirst();
    }

    public Part<Map<String, Object>> getAt(Instance instance, String path) {
        return read(() -> direct.get().uri(instance.uri() + path).retrieve().body(OBJECT));
    }

    public Part<List<Map<String, Object>>> listAt(Instance instance, String path) {
        return read(() -> direct.get().uri(instance.uri() + path).retrieve().body(LIST));
    }

    public Part<Map<String, Object>> postAt(Instance instance, String path, Map<String, Object> body, Object... vars) {
        return read(() -> direct.post().uri(instance.uri() + path, vars).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(OBJECT));
    }

    public Part<Map<String, Object>> deleteAt(Instance instance, String path) {
        return read(() -> direct.delete().uri(instance.uri() + path).retrieve().body(OBJECT));
    }

    private static <T> Part<T> read(java.util.function.Supplier<T> call) {
        try {
            return Part.of(call.get());
        } catch (RestClientResponseException e) {
            String body = e.getResponseBodyAsString();
            return new Part<>(null, e.getStatusCode().value(),
                    e.getStatusCode().value() + " " + (body.isBlank() ? e.getStatusText() : abbreviate(body)));
        } catch (RuntimeException e) {
            return new Part<>(null, 0, e.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(e.getMessage())));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    @Configuration(proxyBeanMethods = false)
    static class Clients {

        /** Resolves http://{service-name}/... through Nacos. */
        @Bean
        @LoadBalanced
        RestClient.Builder loadBalancedRestClientBuilder() {
            return RestClient.builder();
        }
    }
}
