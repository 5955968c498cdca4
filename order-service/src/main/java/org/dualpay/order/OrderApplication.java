package org.dualpay.order;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.context.annotation.Bean;
import org.dualpay.common.fault.FaultPointCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "dualpay order-service", version = "1",
        description = "Orders, their state machine and timeline. A shopper creates, reads, cancels and refunds their own orders; "
                + "every move of an order is a row of its timeline, with the XID of the global transaction that made it. Errors are "
                + "RFC 9457 problem documents whose type is a page describing their code (GET /problems lists them)."))
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
