package org.dualpay.common.tracing;

import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Traces (README, "Traces"): the XID and the order number on the spans of a payment story, and
 * nothing exported that only polls. Boot's own tracing auto-configuration does the rest (Brave,
 * the Zipkin reporter, the MVC server spans, Feign's client spans, the trace id in the MDC).
 */
@AutoConfiguration(afterName = {"org.springframework.boot.actuate.autoconfigure.tracing.BraveAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration"})
@ConditionalOnClass(Tracer.class)
public class TracingAutoConfiguration {

    /** With tracing switched off ({@code management.tracing.enabled=false}) it changes nothing. */
    @Bean
    TransactionSpans transactionSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TransactionSpans(tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    QuietSpans quietSpans() {
        return new QuietSpans();
    }

    /**
     * Spring Security's own observations (a span per filter chain pass and per authorization) add
     * three spans to every request and none of the story; the request's server span stays.
     */
    @Bean
    ObservationPredicate noSecurityFilterObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(Tracer.class)
    static class BranchSpans implements WebMvcConfigurer {

        private final Tracer tracer;

        BranchSpans(Tracer tracer) {
            this.tracer = tracer;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new BranchSpanInterceptor(tracer));
        }
    }
}
