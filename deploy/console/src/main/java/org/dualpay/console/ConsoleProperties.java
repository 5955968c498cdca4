package org.dualpay.console;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zipkinUrl where Zipkin's UI is; an XID links to {@code <zipkinUrl>/zipkin/?annotationQuery=xid%3D<XID>}
 * @param operatorPassword the cluster's operator password: the console's login, and its credential
 *     towards the services (HTTP Basic, user {@code operator})
 * @param services the services whose fault points the console lists, by their name in Nacos
 * @param seataConsoleUrl the Seata TC's console (its global transactions while they are open)
 * @param seataConsoleUser its user
 * @param seataConsolePassword its password, the cluster's {@code SEATA_CONSOLE_PASSWORD}
 * @param chaosDirs where deploy/chaos/run-all.sh keeps its runs (CHAOS_OUT), for their history
 */
@ConfigurationProperties("dualpay.console")
public record ConsoleProperties(@DefaultValue("http://127.0.0.1:9411") String zipkinUrl, String operatorPassword,
        @DefaultValue({"order-service", "payment-service", "inventory-service"}) List<String> services,
        @DefaultValue("http://127.0.0.1:7091") String seataConsoleUrl, @DefaultValue("seata") String seataConsoleUser,
        String seataConsolePassword, @DefaultValue List<String> chaosDirs) {

    public String traceLink(String xid) {
        return zipkinUrl.replaceAll("/+$", "") + "/zipkin/?annotationQuery=xid%3D"
                + java.net.URLEncoder.encode(xid, java.nio.charset.StandardCharsets.UTF_8);
    }
}
