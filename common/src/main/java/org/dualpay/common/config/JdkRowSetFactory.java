package org.dualpay.common.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Names the JDK's own {@code RowSetFactory} in the system property that {@code RowSetProvider.newFactory()}
 * reads first, unless one is named already.
 *
 * <p>Seata's statement proxy copies the generated keys of every insert into a {@code CachedRowSet} from a
 * new {@code RowSetProvider.newFactory()}. Without the property, each call looks the factory up with
 * {@code ServiceLoader}, which scans every jar nested in the service's Spring Boot jar, and then falls back
 * to this same default: at 16 callers that lookup took about a fifth of order- and inventory-service's CPU
 * (README, "Performance"). With the property the JDK returns the default at once. No jar of the services
 * provides another factory, so nothing else changes.
 */
public class JdkRowSetFactory implements EnvironmentPostProcessor {

    static final String PROPERTY = "javax.sql.rowset.RowSetFactory";
    static final String JDK_DEFAULT = "com.sun.rowset.RowSetFactoryImpl";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, JDK_DEFAULT);
        }
    }
}
