package org.dualpay.inventory;

import org.springframework.context.annotation.Bean;
import org.dualpay.common.fault.FaultPointCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
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
