package vn.motcua.duedate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedCalendarTest {
    @Test
    void theSameYearsGiveTheCalendarBuiltBeforeAndARevisedYearAsksAgain() {
        PublishedCalendar cache = new PublishedCalendar();
        assertThat(cache.ifUnchanged("2025:a")).isEmpty();
        WorkingCalendar first = cache.build("2025:a", List.of(CalendarYear.standard(2025)));
        assertThat(cache.ifUnchanged("2025:a")).containsSame(first);
        assertThat(cache.ifUnchanged("2025:b")).as("the year was published again").isEmpty();
        WorkingCalendar revised = cache.build("2025:b", List.of(CalendarYear.standard(2025)));
        assertThat(revised).isNotSameAs(first);
        assertThat(cache.ifUnchanged("2025:a")).isEmpty();
        assertThat(revised.isWorkingDay(LocalDate.of(2025, 3, 3))).isTrue();
    }
}
