package org.dualpay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every part of the cluster is registered in Nacos (rnacos), healthy, at an address where it runs:
 * loopback on the local cluster, its container's address on compose.
 */
class RegistryIT {

    private final Cluster cluster = new Cluster();

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "order-service, DEFAULT_GROUP",
        "payment-service, DEFAULT_GROUP",
        "inventory-service, DEFAULT_GROUP",
        "channel-sandbox, DEFAULT_GROUP",
        "seata-server, SEATA_GROUP"
    })
    void should_find_a_healthy_instance_in_the_registry(String service, String group) {
        Cluster.Answer answer = cluster.get(cluster.nacosUrl + "/nacos/v1/ns/instance/list?serviceName=" + service
                + "&groupName=" + group + "&healthyOnly=true");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode hosts = answer.json().path("hosts");
        assertThat(hosts.size()).as(answer.body()).isGreaterThanOrEqualTo(1);
        java.util.Set<String> where = cluster.registrableIps(service);
        hosts.forEach(host -> {
            assertThat(host.path("healthy").asBoolean()).as(host.toString()).isTrue();
            assertThat(host.path("ip").asText()).as(host.toString()).isIn(where);
        });
    }
}
