package vn.motcua.satisfaction.events;

import vn.motcua.satisfaction.events.SatisfactionEvent.Answer;
import vn.motcua.satisfaction.events.SatisfactionEvent.BallotInvalid;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintOpened;
import vn.motcua.satisfaction.events.SatisfactionEvent.ComplaintResolved;
import vn.motcua.satisfaction.events.SatisfactionEvent.CriteriaSetRef;
import vn.motcua.satisfaction.events.SatisfactionEvent.Due;
import vn.motcua.satisfaction.events.SatisfactionEvent.RatingRecorded;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic published envelopes, the way satisfaction-service records them (Vietnam time is UTC+7).
 *
 * <p>Dossier A is the identity-card application of the dossier contract's examples: received by the Nghệ An provincial
 * police, late, apologized for, returned by post on 11 December 2026. That evening the citizen rates it with the QR
 * code on the receipt: unsatisfied, with a comment and a complaint, which PC06 resolves a week later. The paper ballot
 * that came back with the post is typed in afterwards and kept as a duplicate. At a commune people's committee, a
 * paper ballot with two marks for one question is invalid, and a ballot whose dossier code matches no dossier is
 * refused. The documents in {@code contract-examples} are {@link #examples()} as published.
 */
final class SatisfactionEventFixtures {
    static final String PC06 = "000.20.20.H40";            // Phòng Cảnh sát quản lý hành chính về trật tự xã hội
    static final String COMMUNE = "000.00.31.H40";         // UBND xã Hưng Nguyên

    static final UUID DOSSIER_A = UUID.fromString("0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b");
    static final String CODE_A = "000.00.20.H40-261123-0001";
    static final UUID DOSSIER_F = UUID.fromString("7a3e9c1d-2b4f-4e6a-8d0c-5f1b3a7e9d2c");
    static final String CODE_F = "000.00.31.H40-261124-0007";
    /** A code typed from a paper ballot that matches no dossier (the last digits were misread). */
    static final String UNKNOWN_CODE = "000.00.20.H40-261123-0091";

    static final CriteriaSetRef POLICE = new CriteriaSetRef("POLICE", 1);
    static final CriteriaSetRef SIPAS = new CriteriaSetRef("SIPAS", 1);

    static final UUID RATING_A = UUID.fromString("4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e01");
    static final UUID COMPLAINT_A = UUID.fromString("d81f4a36-7c2e-4b19-a5d0-6e3f2a1b0c01");
    static final Instant RETURNED_A = Instant.parse("2026-12-11T03:45:00Z");
    static final Instant RATED_A = Instant.parse("2026-12-11T12:30:05Z");
    /** 15 working days from Monday 14 December, 1 January off: close of office hours on Monday 4 January 2027. */
    static final Due COMPLAINT_DUE = due("2027-01-04T10:00:00Z", "2027-01-04");

    private SatisfactionEventFixtures() {
    }

    static Due due(String at, String date) {
        return new Due(Instant.parse(at), LocalDate.parse(date));
    }

    static List<Answer> answers(CriteriaSetRef set, int... levels) {
        List<String> criteria = set.code().equals("POLICE")
                ? List.of("publication", "access", "online-submission", "reception", "processing-time", "result",
                        "complaint-handling")
                : List.of("access", "procedure", "civil-servant", "result", "feedback");
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            answers.add(new Answer(criteria.get(i), levels[i]));
        }
        return answers;
    }

    // ------------------------------------------------------------------ events

    static RatingRecorded ratingRecorded() {
        return new RatingRecorded(RATING_A, "QR", POLICE, answers(POLICE, 4, 4, 3, 3, 1, 4, 2), 2, false, true, true,
                null, RATED_A, RETURNED_A);
    }

    static BallotInvalid ballotInvalid() {
        return new BallotInvalid(UUID.fromString("4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e02"), "PAPER", "INVALID",
                "MULTIPLE_MARKS", InvalidReason.MULTIPLE_MARKS.textVi(), "HN-2026-000412",
                Instant.parse("2026-11-24T02:10:00Z"));
    }

    static BallotInvalid duplicateBallot() {
        return new BallotInvalid(UUID.fromString("4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e03"), "PAPER", "DUPLICATE",
                "DUPLICATE", InvalidReason.DUPLICATE.textVi(), "PC06-2026-001187",
                Instant.parse("2026-12-12T02:00:00Z"));
    }

    static BallotInvalid unknownDossierBallot() {
        return new BallotInvalid(UUID.fromString("4c9b2e71-0d3a-4f58-9e6c-1a2b3c4d5e04"), "PAPER", "REFUSED",
                "DOSSIER_UNKNOWN", InvalidReason.DOSSIER_UNKNOWN.textVi(), "PC06-2026-001203",
                Instant.parse("2026-12-14T02:30:00Z"));
    }

    static ComplaintOpened complaintOpened() {
        return new ComplaintOpened(COMPLAINT_A, RATING_A, "QR", RATED_A, COMPLAINT_DUE, false);
    }

    static ComplaintResolved complaintResolved() {
        return new ComplaintResolved(COMPLAINT_A, RATING_A, RATED_A, Instant.parse("2026-12-18T08:20:00Z"),
                COMPLAINT_DUE, "EARLY", true);
    }

    // ------------------------------------------------------------------ envelopes

    /** One envelope per type, in the order of {@link SatisfactionEventType}. */
    static List<SatisfactionEventEnvelope> oneOfEach() {
        return List.of(
                envelope("9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b01", DOSSIER_A, CODE_A, PC06,
                        Instant.parse("2026-12-11T12:30:05.412Z"), ratingRecorded()),
                envelope("9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b02", DOSSIER_F, CODE_F, COMMUNE,
                        Instant.parse("2026-11-26T01:40:12Z"), ballotInvalid()),
                envelope("9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b03", DOSSIER_A, CODE_A, PC06,
                        Instant.parse("2026-12-11T12:30:05.431Z"), complaintOpened()),
                envelope("9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b04", DOSSIER_A, CODE_A, PC06,
                        Instant.parse("2026-12-18T08:20:00.250Z"), complaintResolved()));
    }

    /** The documents of {@code contract-examples}, by file name without {@code .json}: one per type, and variants. */
    static Map<String, SatisfactionEventEnvelope> examples() {
        Map<String, SatisfactionEventEnvelope> examples = new LinkedHashMap<>();
        for (SatisfactionEventEnvelope envelope : oneOfEach()) {
            examples.put(envelope.type(), envelope);
        }
        examples.put("BallotInvalid-duplicate", envelope("9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b05", DOSSIER_A, CODE_A,
                PC06, Instant.parse("2026-12-16T02:05:40Z"), duplicateBallot()));
        examples.put("BallotInvalid-dossier-unknown", envelope("9f2d7b14-6a3c-4e81-b5d9-0c1e2f3a4b06", null,
                UNKNOWN_CODE, null, Instant.parse("2026-12-17T02:30:00Z"), unknownDossierBallot()));
        return examples;
    }

    /** {@link #examples()} plus variants: other channels and criteria sets, every reason, every timeliness. */
    static List<SatisfactionEventEnvelope> allVariants() {
        List<SatisfactionEventEnvelope> all = new ArrayList<>(examples().values());
        List<SatisfactionEvent> variants = new ArrayList<>(List.of(
                new RatingRecorded(UUID.randomUUID(), "KIOSK", SIPAS, answers(SIPAS, 5, 5, 4, 5, 4), 5, true, false,
                        false, null, Instant.parse("2026-11-24T03:05:00Z"), Instant.parse("2026-11-24T02:58:00Z")),
                new RatingRecorded(UUID.randomUUID(), "PAPER", SIPAS, answers(SIPAS, 4, 3, 4, 4), 4, true, true, false,
                        "HN-2026-000415", Instant.parse("2026-11-24T04:00:00Z"),
                        Instant.parse("2026-11-24T03:40:00Z")),
                new RatingRecorded(UUID.randomUUID(), "ONLINE", POLICE, answers(POLICE, 5, 5, 5, 5, 5, 5, 5), 5, true,
                        false, false, null, Instant.parse("2026-11-27T13:00:00.123456Z"),
                        Instant.parse("2026-11-27T08:00:00Z")),
                new RatingRecorded(UUID.randomUUID(), "SMS", POLICE, List.of(), 3, false, false, false, null,
                        Instant.parse("2026-12-02T01:00:00Z"), Instant.parse("2026-12-01T09:30:00Z")),
                new RatingRecorded(UUID.randomUUID(), "PHONE", SIPAS, answers(SIPAS, 1, 1, 2), 1, false, true, true,
                        null, Instant.parse("2026-12-03T02:15:00Z"), Instant.parse("2026-12-01T03:00:00Z")),
                new ComplaintOpened(UUID.randomUUID(), UUID.randomUUID(), "PHONE", Instant.parse("2026-12-03T02:15:00Z"),
                        due("2026-12-24T10:00:00Z", "2026-12-24"), true),
                new ComplaintResolved(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-12-03T02:15:00Z"),
                        Instant.parse("2026-12-24T09:00:00Z"), due("2026-12-24T10:00:00Z", "2026-12-24"), "ON_TIME",
                        true),
                new ComplaintResolved(UUID.randomUUID(), UUID.randomUUID(), Instant.parse("2026-12-03T02:15:00Z"),
                        Instant.parse("2026-12-28T02:00:00Z"), due("2026-12-24T10:00:00Z", "2026-12-24"), "LATE",
                        false)));
        for (InvalidReason reason : InvalidReason.values()) {
            if (reason == InvalidReason.DOSSIER_UNKNOWN) {
                continue; // a ballot without dossier, added below
            }
            variants.add(new BallotInvalid(UUID.randomUUID(), reason == InvalidReason.NOT_ONLINE_DOSSIER ? "ONLINE"
                    : "PAPER", reason.status().name(), reason.name(), null, null,
                    Instant.parse("2026-12-05T02:00:00Z")));
        }
        for (SatisfactionEvent event : variants) {
            all.add(SatisfactionEventEnvelope.of(UUID.randomUUID(), UUID.randomUUID(), CODE_F, COMMUNE,
                    event.at().plusMillis(350), event));
        }
        all.add(SatisfactionEventEnvelope.of(UUID.randomUUID(), null, "000.00.31.H40-261299-9999", null,
                Instant.parse("2026-12-08T02:00:00Z"),
                new BallotInvalid(UUID.randomUUID(), "QR", "REFUSED", "DOSSIER_UNKNOWN", null, null,
                        Instant.parse("2026-12-05T02:00:00Z"))));
        return all;
    }

    static SatisfactionEventEnvelope envelope(String eventId, UUID dossierId, String code, String unitCode,
                                              Instant recordedAt, SatisfactionEvent event) {
        return SatisfactionEventEnvelope.of(UUID.fromString(eventId), dossierId, code, unitCode, recordedAt, event);
    }

    static SatisfactionEventEnvelope ofType(String typeName) {
        return oneOfEach().stream().filter(e -> e.type().equals(typeName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture of type " + typeName));
    }

    static SatisfactionEventEnvelope example(String name) {
        SatisfactionEventEnvelope example = examples().get(name);
        if (example == null) {
            throw new IllegalArgumentException("no example " + name);
        }
        return example;
    }
}
