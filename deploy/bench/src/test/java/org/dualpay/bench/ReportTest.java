package org.dualpay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    private static Row row(String setup, String path, String skus, int callers, double perSecond) {
        return new Row(setup, path, skus, callers, 100, 0, 0, 100 / perSecond, perSecond, 10, 20, 30, 0.05, 0.9);
    }

    @Test
    void should_read_back_a_row_as_it_was_written() {
        // given
        Row row = new Row("AT", "first-time", "hot", 16, 640, 2, 1, 9.87, 64.6, 210.5, 480.25, 900.0, 0.061, 0.912);

        // when
        Row read = Row.parse(row.csv());

        // then
        assertThat(read).isEqualTo(new Row("AT", "first-time", "hot", 16, 640, 2, 1, 9.87, 64.6, 210.5, 480.3, 900.0,
                0.061, 0.912));
    }

    @Test
    void should_set_each_level_against_the_floor_the_spread_skus_and_the_first_time_path() {
        // given
        List<Row> rows = List.of(row("AT", "first-time", "spread", 4, 60), row("AT", "duplicate", "spread", 4, 1200),
                row("AT", "first-time", "hot", 4, 30), row("floor", "first-time", "spread", 4, 150),
                row("AT", "first-time", "spread", 16, 90), row("floor", "first-time", "spread", 16, 120));

        // when
        String ratios = Report.ratios(rows);

        // then
        assertThat(ratios).contains("| 4 | 0.40 | 0.50 | 20.00 |", "| 16 | 0.75 | - | - |",
                "best AT 90.0/s (16 callers) against the best floor 150.0/s (4 callers): 0.60x");
    }
}
