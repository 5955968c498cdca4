package org.dualpay.common.config;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.dualpay.common.error.ProblemAdvice;
import org.dualpay.common.error.ProblemPages;
import org.dualpay.common.fault.ArmedFaultPoints;
import org.dualpay.common.fault.FaultPoint;
import org.dualpay.common.fault.FaultPointCatalog;
import org.dualpay.common.fault.FaultPoints;
import org.dualpay.common.fault.FaultsEndpoint;
import org.dualpay.common.feign.ProblemErrorDecoder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what common offers into every service that depends on it. */
@AutoConfiguration
public class CommonAutoConfiguration {

    /** UTC wall clock; tests of pure logic pass a fixed one instead. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnWebApplication
    @ConditionalOnMissingBean
    ProblemAdvice problemAdvice() {
        return new ProblemAdvice();
    }

    /** The pages each problem's {@code type} points at, open to anyone. */
    @Bean
    @ConditionalOnWebApplication
    ProblemPages problemPages() {
        return new ProblemPages();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.codec.ErrorDecoder")
    static class FeignSupport {

        @Bean
        @ConditionalOnMissingBean
        ProblemErrorDecoder problemErrorDecoder(ObjectMapper json) {
            return new ProblemErrorDecoder(json);
        }
    }

    @Bean
    @ConditionalOnProperty(name = "dualpay.faults.enabled", havingValue = "false", matchIfMissing = true)
    FaultPoints faultPointsOff() {
        return FaultPoints.OFF;
    }

    /**
     * Fault injection: only with {@code dualpay.faults.enabled=true} (the chaos profile). The endpoint
     * is the operator's: each service's security rules allow {@code /actuator/faults/**} to the
     * OPERATOR role only.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "dualpay.faults.enabled", havingValue = "true")
    static class FaultInjection {

        /** The points every {@link FaultPointCatalog} of the service declares; a service with none refuses to start. */
        @Bean
        ArmedFaultPoints faultPoints(List<FaultPointCatalog> catalogs) {
            List<FaultPoint> known = catalogs.stream().flatMap(catalog -> catalog.points().stream()).toList();
            if (known.isEmpty()) {
                throw new IllegalStateException("dualpay.faults.enabled is true but this service declares no "
                        + "fault points (a FaultPointCatalog bean)");
            }
            return new ArmedFaultPoints(known);
        }

        @Bean
        FaultsEndpoint faultsEndpoint(ArmedFaultPoints faults) {
            return new FaultsEndpoint(faults);
        }

    }
}
