package vn.motcua.reporting.projection;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import vn.motcua.duedate.Timeliness;
import vn.motcua.reporting.domain.DossierFact;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fact kept compact by a rebuild's memory comes back exactly as it was: a field the codec forgot, or an instant it
 * rounded, would be written to the twin tables wrong and the rebuild would no longer equal the live views.
 */
class FactBytesTest {
    static Instant at(String s) {
        return Instant.parse(s);
    }

    /** Every field set to something a new fact does not hold, so a field the codec forgets shows. */
    static DossierFact everyFieldSet() throws IllegalAccessException {
        DossierFact f = new DossierFact(new UUID(-1, 7), "000.00.20.H40-261122-0001");
        int n = 0;
        for (Field field : DossierFact.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())
                    || field.getName().equals("dossierId") || field.getName().equals("dossierCode")) {
                continue;
            }
            n++;
            Class<?> t = field.getType();
            Object value = t == String.class ? "Sở Tư pháp " + n : t == long.class || t == Long.class ? (long) n
                    : t == int.class || t == Integer.class ? n : t == boolean.class || t == Boolean.class
                    ? Boolean.TRUE : t == Instant.class ? at("2026-10-05T02:00:00Z").plusSeconds(n).plusNanos(n * 1000L)
                    : t == LocalDate.class ? LocalDate.of(2026, 10, n % 28 + 1)
                    : t == BigDecimal.class ? new BigDecimal("2." + n) : t == Timeliness.class ? Timeliness.LATE
                    : t == List.class ? new ArrayList<>() : null;
            assertThat(value).as("a value for %s", field.getName()).isNotNull();
            field.set(f, value);
        }
        f.dueHistory.add(new DossierFact.DueMark(at("2026-10-05T02:00:00Z"), at("2026-10-08T10:00:00Z"),
                LocalDate.of(2026, 10, 8), at("2026-10-09T10:00:00Z"), LocalDate.of(2026, 10, 9)));
        f.dueHistory.add(new DossierFact.DueMark(at("2026-10-06T02:00:00.000001Z"), null, null, null, null));
        f.waits.add(new DossierFact.Wait("SUPPLEMENT", at("2026-10-05T10:00:00Z"), at("2026-10-06T10:00:00Z")));
        f.waits.add(new DossierFact.Wait("PAYMENT", at("2026-10-07T10:00:00Z"), null));
        f.newNotices.add(new DossierFact.Notice(2, "RECEIPT", "SMS", true, 1, at("2026-10-05T09:01:00Z")));
        f.newNotices.add(new DossierFact.Notice(3, "APOLOGY", "EMAIL", false, 4, at("2026-10-06T09:01:00Z")));
        f.steps.add(new DossierFact.Step(1, "000.00.20.H40", "reception", at("2026-10-05T02:00:00Z"),
                at("2026-10-05T10:00:00Z"), at("2026-10-05T03:00:00Z")));
        f.steps.add(new DossierFact.Step(2, "000.01.20.H40", "thẩm định", at("2026-10-05T03:00:00Z"), null, null));
        return f;
    }

    @Test
    void everyFieldComesBackAsItWasWithTheStepsItsRowHolds() throws Exception {
        DossierFact f = everyFieldSet();
        // the row holds the first step as it is, the second before it ended, and a third the fact no longer has
        List<DossierFact.Step> written = List.of(f.steps.get(0),
                new DossierFact.Step(2, "000.01.20.H40", "thẩm định", at("2026-10-05T03:00:00Z"), null,
                        at("2026-10-06T01:00:00Z")),
                new DossierFact.Step(3, "X", "y", null, null, null));
        var codec = new FactBytes();
        FactBytes.Decoded back = codec.decode(codec.encode(f, written));
        assertThat(back.fact()).usingRecursiveComparison().isEqualTo(f);
        assertThat(back.written()).isEqualTo(written);
        assertThat(back.fact().steps).isNotSameAs(f.steps);
    }

    @Test
    void aFactWithNothingButItsIdComesBackEmpty() {
        DossierFact f = new DossierFact(new UUID(0, 1), null);
        f.usedAmount = null;
        var codec = new FactBytes();
        FactBytes.Decoded back = codec.decode(codec.encode(f, List.of()));
        assertThat(back.fact()).usingRecursiveComparison().isEqualTo(f);
        assertThat(back.written()).isEmpty();
    }

    @Test
    void namesAndCodesAreKeptOnceAndSharedByTheFactsReadBack() {
        var codec = new FactBytes();
        DossierFact a = received(1);
        DossierFact b = received(2);
        byte[] first = codec.encode(a, List.of());
        int words = codec.words();
        byte[] second = codec.encode(b, List.of());
        assertThat(codec.words()).as("nothing new in the second fact but its code").isEqualTo(words);
        DossierFact backA = codec.decode(first).fact();
        DossierFact backB = codec.decode(second).fact();
        assertThat(backB.procedureNameVi).isEqualTo(b.procedureNameVi).isSameAs(backA.procedureNameVi);
        assertThat(backB.steps.get(0).stepName()).isSameAs(backA.steps.get(0).stepName());
        assertThat(backB.dossierCode).isEqualTo("000.00.20.H40-261122-0002");
        // a fact received, handed over, processed and returned: what a rebuild's memory holds by the hundred thousand
        assertThat(second.length).as("bytes of a returned dossier's fact, against about 1,200 as objects")
                .isLessThan(400);
    }

    @Test
    void whenTheDictionaryIsFullAStringIsWrittenInFull() {
        var codec = new FactBytes();
        for (int i = 0; i < FactBytes.WORDS; i++) {
            DossierFact f = new DossierFact(new UUID(0, i), "c");
            f.procedureCode = "P-" + i;
            codec.encode(f, List.of());
        }
        assertThat(codec.words()).isEqualTo(FactBytes.WORDS);
        DossierFact f = received(3);
        f.procedureNameVi = "Cấp giấy phép xây dựng mới 🏠";
        FactBytes.Decoded back = codec.decode(codec.encode(f, List.of()));
        assertThat(back.fact()).usingRecursiveComparison().isEqualTo(f);
        assertThat(codec.words()).isEqualTo(FactBytes.WORDS);
    }

    @Test
    void textIsKeptCharForCharLoneSurrogatesIncluded() {
        var codec = new FactBytes();
        DossierFact f = new DossierFact(new UUID(3, 3), "mã\t\\\n" + "\uD83C" + "x");
        f.syncErrorMessage = "Hồ sơ bị từ chối: \uDC00 ký tự lẻ, 𝔸, \u0000";
        f.currentUnit = "\uD800";
        FactBytes.Decoded back = codec.decode(codec.encode(f, List.of()));
        assertThat(back.fact().dossierCode).isEqualTo(f.dossierCode);
        assertThat(back.fact().syncErrorMessage).isEqualTo(f.syncErrorMessage);
        assertThat(back.fact().currentUnit).isEqualTo(f.currentUnit);
    }

    @Test
    void decimalsOfAnySizeAndScale() {
        var codec = new FactBytes();
        for (BigDecimal d : List.of(BigDecimal.ZERO, new BigDecimal("0.0000"), new BigDecimal("-3.75"),
                new BigDecimal("1E+5"), new BigDecimal(new BigInteger("123456789012345678901234567890"), 7),
                new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE), -3), new BigDecimal(Long.MAX_VALUE))) {
            DossierFact f = new DossierFact(new UUID(4, 4), "d");
            f.usedAmount = d;
            f.usedRatio = d.negate();
            DossierFact back = codec.decode(codec.encode(f, List.of())).fact();
            assertThat(back.usedAmount).as("%s, its scale too", d).isEqualTo(d);
            assertThat(back.usedRatio).isEqualTo(d.negate());
        }
    }

    @Property(tries = 2000)
    void anyInstantComesBackExactly(@ForAll @LongRange(min = -31557014167219200L, max = 31556889864403199L)
                                    long seconds, @ForAll @LongRange(min = 0, max = 999_999_999) long nanos,
                                    @ForAll boolean wholeMicros) {
        Instant t = Instant.ofEpochSecond(seconds, wholeMicros ? nanos / 1000 * 1000 : nanos);
        var codec = new FactBytes();
        DossierFact f = new DossierFact(new UUID(5, 5), "i");
        f.receivedAt = t;
        f.dueRecordDate = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400) % 365_000_000);
        f.syncForVersion = (int) (seconds % Integer.MAX_VALUE);
        f.lastVersion = seconds;
        DossierFact back = codec.decode(codec.encode(f, List.of())).fact();
        assertThat(back.receivedAt).isEqualTo(t);
        assertThat(back.dueRecordDate).isEqualTo(f.dueRecordDate);
        assertThat(back.syncForVersion).isEqualTo(f.syncForVersion);
        assertThat(back.lastVersion).isEqualTo(seconds);
    }

    @Test
    void theEdgesOfTimeAndOfNumbers() {
        var codec = new FactBytes();
        DossierFact f = new DossierFact(new UUID(Long.MIN_VALUE, Long.MAX_VALUE), "e");
        f.receivedAt = Instant.MIN;
        f.enteredAt = Instant.MAX;
        f.countingStartsAt = Instant.EPOCH.minusNanos(1);
        f.dueReceptionAt = Instant.ofEpochSecond(99_999_999_999L, 999_999_000);
        f.dueRecordAt = Instant.ofEpochSecond(-99_999_999_999L);
        f.dueReceptionDate = LocalDate.MIN;
        f.dueRecordDate = LocalDate.MAX;
        f.lastVersion = Long.MIN_VALUE;
        f.legalAmount = Integer.MIN_VALUE;
        f.appliedAmount = Integer.MAX_VALUE;
        f.syncForVersion = Integer.MIN_VALUE;
        DossierFact back = codec.decode(codec.encode(f, List.of())).fact();
        assertThat(back).usingRecursiveComparison().isEqualTo(f);
    }

    /** A dossier received, handed over, processed and returned, with the names a province's facts repeat. */
    static DossierFact received(int n) {
        DossierFact f = new DossierFact(UUID.randomUUID(), "000.00.20.H40-261122-%04d".formatted(n));
        f.lastVersion = 5;
        f.procedureCode = "1.001234";
        f.procedureVersion = 2;
        f.procedureNameVi = "Cấp, cấp lại, đổi thẻ Căn cước công dân khi đã có thông tin trong Cơ sở dữ liệu quốc gia";
        f.timeUnit = "WORKING_DAYS";
        f.legalAmount = 7;
        f.appliedAmount = 3;
        f.appliedUnit = "WORKING_DAYS";
        f.committedShorter = true;
        f.onlineLevel = "FULL";
        f.receivingUnit = "000.00.20.H40";
        f.competentUnit = "000.00.20.H40";
        f.channel = "COUNTER";
        Instant t = at("2026-11-22T02:13:45.123456Z").plusSeconds(n);
        f.enteredAt = t;
        f.receivedAt = t;
        f.countingStartsAt = t;
        f.dueReceptionAt = at("2026-11-26T10:00:00Z");
        f.dueReceptionDate = LocalDate.of(2026, 11, 26);
        f.dueRecordAt = f.dueReceptionAt;
        f.dueRecordDate = f.dueReceptionDate;
        f.nationalDueAt = f.dueReceptionAt;
        f.nationalDueDate = f.dueReceptionDate;
        f.lastDueChangeAt = t;
        f.dueHistory.add(new DossierFact.DueMark(t, f.dueRecordAt, f.dueRecordDate, f.nationalDueAt,
                f.nationalDueDate));
        f.completedAt = t.plusSeconds(86_400);
        f.completionKind = "RESULT";
        f.outcome = "GRANTED";
        f.recordTimeliness = Timeliness.EARLY;
        f.nationalTimeliness = Timeliness.EARLY;
        f.usedAmount = new BigDecimal("1.00");
        f.usedRatio = new BigDecimal("0.3333");
        f.returnedAt = t.plusSeconds(90_000);
        f.returnChannel = "COUNTER";
        f.currentUnit = "000.01.20.H40";
        f.steps.add(new DossierFact.Step(1, "000.00.20.H40", "reception", t, t.plusSeconds(3_600),
                t.plusSeconds(600)));
        f.steps.add(new DossierFact.Step(2, "000.01.20.H40", "Thẩm định hồ sơ", t.plusSeconds(600),
                t.plusSeconds(80_000), t.plusSeconds(86_400)));
        f.digitisedAll = true;
        f.resultElectronic = true;
        f.syncState = "SYNCED";
        f.syncForVersion = 5;
        f.syncAt = t.plusSeconds(90_060);
        return f;
    }
}
