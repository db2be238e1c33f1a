package vn.motcua.reporting.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The commit instant a live projection measures its delay from: the relay's header, else the broker's time. */
class RecordedAtTest {

    static ConsumerRecord<byte[], byte[]> record(long brokerTime, String header) {
        RecordHeaders headers = new RecordHeaders();
        if (header != null) {
            headers.add(new RecordHeader("recordedAt", header.getBytes(StandardCharsets.US_ASCII)));
        }
        return new ConsumerRecord<>("t", 0, 0, brokerTime, TimestampType.CREATE_TIME, 0, 0, new byte[0],
                new byte[0], headers, Optional.empty());
    }

    @Test
    void theRelaysHeaderWhenThereIsOne() {
        assertThat(ProjectionRunner.recordedAt(record(1_800_000_000_500L, "1800000000000")))
                .isEqualTo(1_800_000_000_000L);
    }

    @Test
    void theBrokersTimeWithoutIt() {
        assertThat(ProjectionRunner.recordedAt(record(1_800_000_000_500L, null))).isEqualTo(1_800_000_000_500L);
        assertThat(ProjectionRunner.recordedAt(record(1_800_000_000_500L, "yesterday")))
                .isEqualTo(1_800_000_000_500L);
    }
}
