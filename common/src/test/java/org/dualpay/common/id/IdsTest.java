package org.dualpay.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void numbers_carry_the_prefix_and_are_unique_under_concurrency() {
        Set<String> seen = ConcurrentHashMap.newKeySet();

        IntStream.range(0, 50_000).parallel().forEach(i -> seen.add(Ids.next("ORD")));

        assertThat(seen).hasSize(50_000);
        assertThat(seen).allMatch(id -> id.matches("ORD\\d{17}[0-9A-Z]{4}\\d{4}"));
    }

    @Test
    void numbers_sort_by_creation_time() throws InterruptedException {
        String first = Ids.next("PAY");
        Thread.sleep(2);
        String second = Ids.next("PAY");

        assertThat(List.of(second, first)).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }
}
