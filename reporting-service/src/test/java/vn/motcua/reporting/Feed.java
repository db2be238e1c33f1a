package vn.motcua.reporting;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.events.OnlineLevel;
import vn.motcua.catalog.events.ProcedureLevel;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.events.ProcedureVersionSnapshot;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.catalog.events.UnitType;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.events.DossierEventCodec;
import vn.motcua.dossier.events.DossierEventEnvelope;
import vn.motcua.dossier.events.DossierTopics;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.satisfaction.events.SatisfactionEventCodec;
import vn.motcua.satisfaction.events.SatisfactionEventEnvelope;
import vn.motcua.satisfaction.events.SatisfactionEventType;
import vn.motcua.satisfaction.events.SatisfactionTopics;
import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.Sql;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes events exactly as the producing services do (their own codecs and envelopes) to the real broker, and
 * waits until the reporting projections have stored a checkpoint past them.
 */
public final class Feed implements AutoCloseable {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DossierEventCodec DOSSIERS = new DossierEventCodec();
    private static final SatisfactionEventCodec RATINGS = new SatisfactionEventCodec();
    private static final CatalogEventCodec CATALOG = new CatalogEventCodec();
    private static final AtomicLong POSITION = new AtomicLong(1);
    /**
     * The applicant every dossier of a feed names, as dossier-service holds it; its codec leaves the applicant out of
     * what it publishes, and AccessTest checks that none of it reaches reporting-service.
     */
    public static final Types.Applicant APPLICANT = new Types.Applicant("Nguyễn Văn An", "001099012345",
            "0912345678", "nguyen.van.an@example.vn");

    private final MotcuaTestInfra.Handles infra;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, RecordMetadata> last = new HashMap<>();

    public Feed(MotcuaTestInfra.Handles infra) {
        this.infra = infra;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", infra.kafka().bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Vietnam local time to an instant: {@code vn("2026-10-05T09:00")}. */
    public static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VIETNAM).toInstant();
    }

    /** The due a day-based procedure gets: close of office (17:00) of that date. */
    public static Types.Due dueOn(String date) {
        LocalDate d = LocalDate.parse(date);
        return new Types.Due(d.atTime(17, 0).atZone(VIETNAM).toInstant(), d);
    }

    public RecordMetadata send(String topic, String key, byte[] value) {
        try {
            RecordMetadata m = producer.send(new ProducerRecord<>(topic, key, value)).get();
            last.merge(topic + "/" + m.partition(), m, (a, b) -> a.offset() > b.offset() ? a : b);
            return m;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every projection has a checkpoint past everything this feed sent. */
    public void awaitProjected() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (RecordMetadata m : last.values()) {
                long n = Sql.count(infra, "select coalesce(max(next_offset), 0) from reporting.projection_checkpoint"
                        + " where projection not like '%#rebuild' and topic = ? and partition = ?", m.topic(), m.partition());
                if (n <= m.offset()) {
                    return false;
                }
            }
            return true;
        });
    }

    // ---- catalog

    public void unit(String code, String nameVi, UnitType type, String parent) {
        unit(code, nameVi, type, parent, LocalDate.of(2020, 1, 1), null);
    }

    /** A unit that existed from {@code validFrom} to {@code validTo} (its last day; null: still exists). */
    public void unit(String code, String nameVi, UnitType type, String parent, LocalDate validFrom,
                     LocalDate validTo) {
        CatalogEvent e = new CatalogEvent.UnitRegistered(UUID.randomUUID(), Instant.now(), 1,
                new UnitSnapshot(code, nameVi, type, parent, validFrom, validTo));
        send(e.topic(), e.key(), CATALOG.write(e));
    }

    public void procedure(String code, String nameVi, String field, String fieldNameVi, List<UnitType> unitTypes,
                          ProcessingTime legal, OnlineLevel online) {
        CatalogEvent e = new CatalogEvent.ProcedurePublished(UUID.randomUUID(), Instant.now(), 1,
                new ProcedureSnapshot(code, nameVi, field, fieldNameVi, ProcedureLevel.PROVINCE, unitTypes, null,
                        List.of(new ProcedureVersionSnapshot(1, LocalDate.of(2020, 1, 1), null, legal, 0L, null,
                                online, true, true, List.of("Tờ khai"), "Luật", "QĐ 1/2020"))));
        send(e.topic(), e.key(), CATALOG.write(e));
    }

    /** A test province with two departments ("Sở Một", "Sở Hai") handling one fully-online 5-working-day procedure. */
    public void provinceWithTwoDepartments(String province, String first, String second, String procedure) {
        unit(province, "Tỉnh thử", UnitType.PROVINCE, null);
        unit(first, "Sở Một", UnitType.PROVINCE_DEPARTMENT, province);
        unit(second, "Sở Hai", UnitType.PROVINCE_DEPARTMENT, province);
        procedure(procedure, "Thủ tục thử", "F1", "Lĩnh vực thử", List.of(UnitType.PROVINCE_DEPARTMENT),
                ProcessingTime.workingDays(5), OnlineLevel.FULLY_ONLINE);
    }

    public void commitment(String unit, String procedure, ProcessingTime time, LocalDate from) {
        CatalogEvent e = new CatalogEvent.CommitmentSet(UUID.randomUUID(), Instant.now(), 1,
                new CommitmentSnapshot(unit, procedure, List.of(new CommitmentSnapshot.Period(time, from, null, null))));
        send(e.topic(), e.key(), CATALOG.write(e));
    }

    public void calendar(CalendarYear year) {
        calendar(year, 1);
    }

    /** A revision of a year's calendar (the catalog numbers each year's revisions from 1). */
    public void calendar(CalendarYear year, int revision) {
        CatalogEvent e = new CatalogEvent.CalendarYearPublished(UUID.randomUUID(), Instant.now(), 1, revision, year);
        send(e.topic(), e.key(), CATALOG.write(e));
    }

    // ---- dossiers

    public DossierStream dossier(String code) {
        return new DossierStream(code);
    }

    /** One dossier's stream: each call appends the next version and publishes it. */
    public final class DossierStream {
        public final UUID id = UUID.randomUUID();
        public final String code;
        private long version;
        private String competentUnit;

        DossierStream(String code) {
            this.code = code;
        }

        /** Takes the next version without publishing it: an event that never arrives. */
        public DossierStream skip() {
            ++version;
            return this;
        }

        public DossierStream publish(DossierEvent event) {
            DossierEventEnvelope env = DossierEventEnvelope.of(UUID.randomUUID(), id, code, ++version,
                    POSITION.getAndIncrement(), event.at(), event);
            send(DossierTopics.EVENTS, env.key(), DOSSIERS.write(env));
            return this;
        }

        /** Received by a unit's desk for itself; day-based procedure with the given due date. */
        public DossierStream received(Instant at, String unit, Types.Channel channel, Types.ProcedureTerms procedure,
                                      Types.Due due) {
            return received(at, unit, unit, channel, procedure, due);
        }

        public DossierStream received(Instant at, String receivingUnit, String competentUnit, Types.Channel channel,
                                      Types.ProcedureTerms procedure, Types.Due due) {
            this.competentUnit = competentUnit;
            return publish(new DossierEvent.Received(code, procedure, receivingUnit, competentUnit, channel,
                    APPLICANT, List.of("Tờ khai"), at, at,
                    "mot.cua", "ND118-2025", due, at, at.plus(Duration.ofHours(4)), null));
        }

        public DossierStream refusedAtReception(Instant at, String unit, Types.ProcedureTerms procedure) {
            this.competentUnit = unit;
            return publish(new DossierEvent.RefusedAtReception(code, procedure, unit, unit, Types.Channel.COUNTER,
                    APPLICANT, at, at, "mot.cua",
                    "sai thẩm quyền"));
        }

        public DossierStream transferred(Instant at, String from, String to, String step, Instant stepDeadline) {
            return publish(new DossierEvent.Transferred(from, to, step, "can.bo", stepDeadline, at));
        }

        public DossierStream supplementRequested(Instant at, int number) {
            return publish(new DossierEvent.SupplementRequested(competentUnit, "can.bo", List.of("Bản sao"), number, at));
        }

        public DossierStream supplementSupplied(Instant at) {
            return publish(new DossierEvent.SupplementSupplied(List.of("Bản sao"), at));
        }

        /** A due change: the new due of record and national due (what dossier-service computes). */
        public DossierStream dueChanged(Instant at, Types.DueChangeReason reason, Types.Due oldDue, Types.Due newDue,
                                        Types.Due dueOfRecord, Types.Due nationalDue) {
            return publish(new DossierEvent.DueDateChanged(reason, oldDue, newDue, dueOfRecord, nationalDue, at));
        }

        public DossierStream overdue(Types.Due due) {
            return publish(new DossierEvent.Overdue(due, due.at()));
        }

        public DossierStream apologized(Instant at, String unitAtFault, Types.Due newDue) {
            return publish(new DossierEvent.Apologized(unitAtFault, "quá tải", newDue, at));
        }

        /** A notice's receipt about the event at {@code forVersion} of this stream. */
        public DossierStream notified(Instant at, Types.NoticeKind kind, int forVersion, boolean delivered) {
            return publish(new DossierEvent.ApplicantNotified(kind, Types.NoticeChannel.EMAIL, forVersion, delivered,
                    delivered ? 1 : 10, at));
        }

        public DossierStream processed(Instant at) {
            return publish(new DossierEvent.Processed(competentUnit, "can.bo", Types.Outcome.GRANTED, "KQ", at));
        }

        public DossierStream refusedAfterAppraisal(Instant at) {
            return publish(new DossierEvent.RefusedAfterAppraisal(competentUnit, "can.bo", "không đủ điều kiện", at));
        }

        public DossierStream stopped(Instant at) {
            return publish(new DossierEvent.Stopped("người dân đề nghị", at));
        }

        public DossierStream withdrawn(Instant at) {
            return publish(new DossierEvent.Withdrawn("rút hồ sơ", at));
        }

        public DossierStream returned(Instant at, Types.ReturnChannel channel) {
            return publish(new DossierEvent.Returned(channel, at));
        }

        /** A complaint opened on this dossier's latest rating. */
        public DossierStream complaintOpened(Instant at) {
            SatisfactionEvent e = new SatisfactionEvent.ComplaintOpened(UUID.randomUUID(), lastRating, "QR", at,
                    new SatisfactionEvent.Due(at.plus(Duration.ofDays(10)),
                            at.plus(Duration.ofDays(10)).atZone(VIETNAM).toLocalDate()), false);
            SatisfactionEventEnvelope env = new SatisfactionEventEnvelope(UUID.randomUUID(),
                    SatisfactionEventType.of(e).typeName(), SatisfactionEventType.of(e).schemaVersion(), id, code,
                    competentUnit, at, at, e);
            send(SatisfactionTopics.EVENTS, id.toString(), RATINGS.write(env));
            return this;
        }

        private UUID lastRating;

        /** A rating of this dossier, attributed (as satisfaction-service does) to its competent unit. */
        public DossierStream rated(Instant at, int overall, boolean complaint) {
            lastRating = UUID.randomUUID();
            SatisfactionEvent e = new SatisfactionEvent.RatingRecorded(lastRating, "QR",
                    new SatisfactionEvent.CriteriaSetRef("SIPAS", 1), List.of(new SatisfactionEvent.Answer("result", overall)),
                    overall, overall >= 4, false, complaint, null, at, at.minus(Duration.ofHours(1)));
            SatisfactionEventEnvelope env = new SatisfactionEventEnvelope(UUID.randomUUID(),
                    SatisfactionEventType.of(e).typeName(), SatisfactionEventType.of(e).schemaVersion(), id, code,
                    competentUnit, at, at, e);
            send(SatisfactionTopics.EVENTS, id.toString(), RATINGS.write(env));
            return this;
        }

        public DossierStream invalidBallot(Instant at) {
            SatisfactionEvent e = new SatisfactionEvent.BallotInvalid(UUID.randomUUID(), "PAPER", "INVALID",
                    "UNREADABLE", "phiếu không đọc được", "P-1", at);
            SatisfactionEventEnvelope env = new SatisfactionEventEnvelope(UUID.randomUUID(),
                    SatisfactionEventType.of(e).typeName(), SatisfactionEventType.of(e).schemaVersion(), id, code,
                    competentUnit, at, at, e);
            send(SatisfactionTopics.EVENTS, id.toString(), RATINGS.write(env));
            return this;
        }
    }

    /** Procedure terms as dossier-service copies them into the Received event. */
    public static Types.ProcedureTerms terms(String code, ProcessingTime legal, ProcessingTime committed,
                                             String onlineLevel) {
        return new Types.ProcedureTerms(code, 1, "Thủ tục " + code, legal, committed, onlineLevel, true);
    }

    public static List<String> list(String... s) {
        return new ArrayList<>(List.of(s));
    }

    @Override
    public void close() {
        producer.close();
    }
}
