package org.dualpay.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A stand-in for WeChat Pay and Alipay, good enough to test a merchant against: it keeps trades in
 * memory, lets a "shopper" pay them, and notifies the merchant with signed callbacks in each
 * channel's shape, retrying until the merchant acknowledges.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandboxApplication.class, args);
    }
}
