package org.dualpay.payment;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.dualpay.common.fault.FaultPointCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "dualpay payment-service", version = "1",
        description = "Payments on WeChat Pay and Alipay: the cashier, starting a payment on a channel, the channels' signed notifies, "
                + "refunds for support and the reconciliation report. Errors are RFC 9457 problem documents whose type is a page "
                + "describing their code (GET /problems lists them)."))
@EnableFeignClients
@ConfigurationPropertiesScan
@EnableScheduling
public class PaymentApplication {

    /** The fault points testers may arm here (with the chaos profile). */
    @Bean
    FaultPointCatalog faultPointCatalog() {
        return FaultPointCatalog.of(PaymentFaultPoint.values());
    }

    public static void main(String[] args) {
        SpringApplication.run(PaymentApplication.class, args);
    }
}
