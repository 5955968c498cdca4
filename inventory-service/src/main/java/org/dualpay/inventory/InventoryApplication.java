package org.dualpay.inventory;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.context.annotation.Bean;
import org.dualpay.common.fault.FaultPointCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "dualpay inventory-service", version = "1",
        description = "The catalog: SKUs with their price (fen) and stock, public to read; stock set by the operator. Errors are RFC 9457 "
                + "problem documents whose type is a page describing their code (GET /problems lists them)."))
public class InventoryApplication {

    /** The fault points testers may arm here (with the chaos profile). */
    @Bean
    FaultPointCatalog faultPointCatalog() {
        return FaultPointCatalog.of(InventoryFaultPoint.values());
    }

    public static void main(String[] args) {
        SpringApplication.run(InventoryApplication.class, args);
    }
}
