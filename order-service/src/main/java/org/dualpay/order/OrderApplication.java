package org.dualpay.order;

import org.springframework.context.annotation.Bean;
import org.dualpay.common.fault.FaultPointCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableFeignClients
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderApplication {

    /** The fault points testers may arm here (with the chaos profile). */
    @Bean
    FaultPointCatalog faultPointCatalog() {
        return FaultPointCatalog.of(OrderFaultPoint.values());
    }

    public static void main(String[] args) {
        SpringApplication.run(OrderApplication.class, args);
    }
}
