package vn.motcua.dossier.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Dossier streams at the edges of the published contract, for every consumer's tests (this module's test jar):
 * each optional field absent, the longest codes and names the contract allows ({@link DossierLimits}, the
 * catalog's limits), Vietnamese text with emoji, the earliest and latest instants, and fields this version of the
 * contract does not have. Every record is schema-valid; a consumer must apply each one (or ignore it on purpose),
 * never dead-letter it and never stop on it.
 */
public final class DossierEventEdges {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DossierEventCodec CODEC = new DossierEventCodec();
    static final int CODE_MAX = 64;
    static final int NAME_MAX = 1000;

    /** One generated stream: the dossier and its records, as published (JSON bytes, key = dossier id). */
    public record Stream(UUID dossierId, String dossierCode, List<byte[]> records) {
    }

    private DossierEventEdges() {
    }

    /** Codes at both ends: the shortest, the longest, every character the pattern allows. */
    public static Arbitrary<String> codes() {
        Arbitrary<String> body = Arbitraries.strings().withChars("ABCXYZabcxyz0123456789._-").ofMinLength(0)
                .ofMaxLength(CODE_MAX - 1);
        return Arbitraries.oneOf(Arbitraries.of("A", "0", "000.00.20.H40", "xa-nghi_loc.01"),
                Arbitraries.strings().withChars("H4").ofLength(1).flatMap(first -> body.map(b -> first + b)),
                Arbitraries.just(("H40-" + "X.Y_Z-".repeat(20)).substring(0, CODE_MAX)));
    }

    /** Texts: Vietnamese with marks, emoji (one code point, two UTF-16 units), up to {@code max} code points. */
    public static Arbitrary<String> texts(int max) {
        Arbitrary<String> words = Arbitraries.of("Cấp", "giấy", "phép", "xây", "dựng", "nhà", "ở", "riêng", "lẻ",
                "đăng ký", "khai sinh", "Đắk Lắk", "Thừa Thiên Huế", "ưu tiên", "😀", "🏛️", "📄", "—", "“trích lục”");
        Arbitrary<String> sentence = words.list().ofMinSize(1).ofMaxSize(30).map(w -> String.join(" ", w));
        return Arbitraries.oneOf(sentence.map(s -> vn.motcua.contract.CodePoints.cut(s, max)),
                Arbitraries.just(vn.motcua.contract.CodePoints.fill("Thủ tục 🏛️ cấp đổi, cấp lại giấy chứng nhận ", max)),
                Arbitraries.just("Đ"));
    }

    /** The earliest and latest instants the contract can carry with their Vietnam dates, and ordinary ones. */
    public static Arbitrary<Instant> instants() {
        return Arbitraries.of(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("2026-11-27T01:15:00Z"), Instant.parse("2027-12-31T16:59:59Z"),
                // the latest whose Vietnam date (UTC+7) is still a four-digit year
                Instant.parse("9999-12-31T16:59:59Z"));
    }

    public static Arbitrary<Stream> streams() {
        Arbitrary<String> stepName = texts(DossierLimits.STEP_NAME_MAX).injectNull(0.4);
        Arbitrary<String> procedureName = texts(NAME_MAX).injectNull(0.3);
        Arbitrary<String> officer = texts(DossierLimits.OFFICER_MAX).injectNull(0.4);
        Arbitrary<ProcessingTime> committed = Arbitraries.of(ProcessingTime.workingDays(1), ProcessingTime.workingDays(3))
                .injectNull(0.5);
        return Combinators.combine(codes(), codes(), procedureName, instants(), stepName, officer, committed,
                        Arbitraries.integers().between(0, 3))
                .as((unit, procedure, name, at, step, who, commit, shape) -> {
                    UUID id = UUID.randomUUID();
                    String code = dossierCode(unit);
                    Types.ProcedureTerms terms = new Types.ProcedureTerms(procedure, 1, name,
                            ProcessingTime.workingDays(5), commit, "PARTLY_ONLINE", false);
                    Instant due = at.isAfter(Instant.parse("9999-01-01T00:00:00Z")) ? at : at.plus(Duration.ofDays(7));
                    List<DossierEvent> events = new ArrayList<>();
                    events.add(new DossierEvent.Received(code, terms, unit, unit, Types.Channel.COUNTER, null, List.of(),
                            at, at, who, "ND118-2025", new Types.Due(due, due.atOffset(ZoneOffset.ofHours(7)).toLocalDate()),
                            at, due, null, shape % 2 == 0 ? null : List.of()));
                    if (shape >= 1) {
                        events.add(new DossierEvent.Transferred(unit, unit, step, who, null, at));
                    }
                    if (shape >= 2) {
                        events.add(new DossierEvent.Processed(unit, who, Types.Outcome.GRANTED, null, at,
                                shape == 2 ? null : Boolean.TRUE));
                        events.add(new DossierEvent.ApplicantNotified(Types.NoticeKind.RESULT_READY,
                                Types.NoticeChannel.SMS, events.size(), shape == 2, Integer.MAX_VALUE, at));
                    }
                    if (shape >= 3) {
                        events.add(new DossierEvent.Returned(Types.ReturnChannel.COUNTER, at));
                        // the portal refused the returned copy with its own text, then accepted it after a resend
                        events.add(new DossierEvent.NationalPortalSyncRefused(events.size(), "-1", step, at));
                        events.add(new DossierEvent.SyncedToNationalPortal(events.size() - 1, 10, at));
                    }
                    List<byte[]> records = new ArrayList<>();
                    for (int v = 1; v <= events.size(); v++) {
                        DossierEventEnvelope env = DossierEventEnvelope.of(UUID.randomUUID(), id, code, v, v, at,
                                events.get(v - 1));
                        records.add(withUnknownFields(CODEC.write(env), v % 2 == 0));
                    }
                    return new Stream(id, code, records);
                });
    }

    /**
     * The contract examples as realistic streams, one per dossier, in order (together every event type at least
     * once), for consumers' coverage tests.
     */
    public static List<List<DossierEvent>> exampleStreams() {
        java.util.Map<UUID, List<DossierEventEnvelope>> byDossier = new java.util.LinkedHashMap<>();
        for (DossierEventEnvelope e : DossierEventFixtures.oneOfEach()) {
            byDossier.computeIfAbsent(e.dossierId(), k -> new ArrayList<>()).add(e);
        }
        List<List<DossierEvent>> out = new ArrayList<>();
        for (List<DossierEventEnvelope> envelopes : byDossier.values()) {
            List<DossierEvent> stream = new ArrayList<>();
            envelopes.stream().sorted(java.util.Comparator.comparingLong(DossierEventEnvelope::version))
                    .forEach(e -> stream.add(e.data()));
            // the examples show one event per type; a stream starts with its reception
            if (!(stream.get(0) instanceof DossierEvent.Received) && !(stream.get(0) instanceof DossierEvent.RefusedAtReception)) {
                stream.add(0, DossierEventFixtures.received());
            }
            out.add(stream);
        }
        return out;
    }

    /** A dossier code of the unit's code, the day and a number: the longest when the unit's is. */
    static String dossierCode(String unit) {
        String code = unit + "-261127-" + (1 + Math.abs(UUID.randomUUID().hashCode() % 9999));
        return code.length() <= DossierLimits.DOSSIER_CODE_MAX ? code : code.substring(0, DossierLimits.DOSSIER_CODE_MAX);
    }

    /** Adds fields a newer producer could send, in the envelope and in its data. */
    static byte[] withUnknownFields(byte[] record, boolean nested) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(record);
            node.put("futureField", "ý nghĩa mới 🚀");
            if (nested) {
                ((ObjectNode) node.get("data")).putObject("futureObject").put("level", 2).putArray("list").add(1);
            }
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
