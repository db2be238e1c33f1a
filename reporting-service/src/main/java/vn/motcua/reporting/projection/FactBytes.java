package vn.motcua.reporting.projection;

import vn.motcua.duedate.Timeliness;
import vn.motcua.reporting.domain.DossierFact;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fact in a few hundred bytes instead of the kilobyte and more its objects take, so that a rebuild's memory can
 * hold a dossier's whole life at a country's rate ({@link FactMemory}'s compact part). Exact: every field comes back
 * as it was ({@code FactBytesTest} sets each one). Names and codes repeat across facts (units, procedures, channels,
 * step names), so a string is written once into this instance's dictionary and a fact holds its number; a fact read
 * back shares those strings instead of holding copies. Instants are whole microseconds where they can be (what the
 * events carry), seconds and nanoseconds otherwise.
 *
 * <p>One instance per rebuild, used from its thread only; the dictionary only grows, up to {@link #WORDS} strings
 * (then a string is written in full).
 */
final class FactBytes {
    /** A fact and its handling steps as its row holds them. */
    record Decoded(DossierFact fact, List<DossierFact.Step> written) {
    }

    static final int WORDS = 1 << 16;
    private static final Timeliness[] TIMELINESS = Timeliness.values();

    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    private byte[] out = new byte[1024];
    private int length;
    private byte[] in;
    private int at;

    /** The fact and its row's steps ({@code written}: a step equal to the fact's own is written as "the same"). */
    byte[] encode(DossierFact f, List<DossierFact.Step> written) {
        length = 0;
        uuid(f.dossierId);
        raw(f.dossierCode);
        signed(f.lastVersion);
        word(f.procedureCode);
        signed(f.procedureVersion);
        word(f.procedureNameVi);
        word(f.timeUnit);
        signed(f.legalAmount);
        signed(f.appliedAmount);
        word(f.appliedUnit);
        put(f.committedShorter ? 1 : 0);
        word(f.onlineLevel);
        word(f.receivingUnit);
        word(f.competentUnit);
        word(f.channel);
        instant(f.enteredAt);
        instant(f.receivedAt);
        instant(f.refusedAtReception);
        instant(f.countingStartsAt);
        instant(f.dueReceptionAt);
        date(f.dueReceptionDate);
        instant(f.dueRecordAt);
        date(f.dueRecordDate);
        instant(f.nationalDueAt);
        date(f.nationalDueDate);
        instant(f.rescheduledDueAt);
        date(f.rescheduledDueDate);
        instant(f.lastDueChangeAt);
        unsigned(f.dueHistory.size());
        for (DossierFact.DueMark m : f.dueHistory) {
            instant(m.from());
            instant(m.recordAt());
            date(m.recordDate());
            instant(m.nationalAt());
            date(m.nationalDate());
        }
        signed(f.supplementRequests);
        instant(f.secondSupplementAt);
        unsigned(f.waits.size());
        for (DossierFact.Wait w : f.waits) {
            word(w.kind());
            instant(w.from());
            instant(w.to());
        }
        instant(f.apologyAt);
        instant(f.apologyInformedAt);
        unsigned(f.newNotices.size());
        for (DossierFact.Notice n : f.newNotices) {
            signed(n.forVersion());
            word(n.kind());
            word(n.channel());
            put(n.delivered() ? 1 : 0);
            signed(n.attempts());
            instant(n.at());
        }
        instant(f.figuresChangedSince);
        word(f.apologyUnit);
        bool(f.apologyTimely);
        instant(f.overdueAt);
        instant(f.completedAt);
        word(f.completionKind);
        word(f.outcome);
        unsigned(f.recordTimeliness == null ? 0 : f.recordTimeliness.ordinal() + 1);
        unsigned(f.nationalTimeliness == null ? 0 : f.nationalTimeliness.ordinal() + 1);
        decimal(f.usedAmount);
        decimal(f.usedRatio);
        instant(f.returnedAt);
        word(f.returnChannel);
        instant(f.withdrawnAt);
        word(f.currentUnit);
        unsigned(f.steps.size());
        for (DossierFact.Step s : f.steps) {
            step(s);
        }
        instant(f.paidAt);
        word(f.paymentChannel);
        bool(f.paidOnline);
        bool(f.digitisedAll);
        bool(f.resultElectronic);
        word(f.syncState);
        unsigned(f.syncForVersion == null ? 0 : zigzag(f.syncForVersion) + 1);
        instant(f.syncAt);
        word(f.syncErrorCode);
        raw(f.syncErrorMessage);
        unsigned(written.size());
        for (int i = 0; i < written.size(); i++) {
            DossierFact.Step s = written.get(i);
            if (i < f.steps.size() && f.steps.get(i).equals(s)) {
                put(0); // as the fact holds it: the usual case
            } else {
                put(1);
                step(s);
            }
        }
        return Arrays.copyOf(out, length);
    }

    Decoded decode(byte[] bytes) {
        in = bytes;
        at = 0;
        DossierFact f = new DossierFact(readUuid(), readRaw());
        f.lastVersion = readSigned();
        f.procedureCode = readWord();
        f.procedureVersion = (int) readSigned();
        f.procedureNameVi = readWord();
        f.timeUnit = readWord();
        f.legalAmount = (int) readSigned();
        f.appliedAmount = (int) readSigned();
        f.appliedUnit = readWord();
        f.committedShorter = in[at++] == 1;
        f.onlineLevel = readWord();
        f.receivingUnit = readWord();
        f.competentUnit = readWord();
        f.channel = readWord();
        f.enteredAt = readInstant();
        f.receivedAt = readInstant();
        f.refusedAtReception = readInstant();
        f.countingStartsAt = readInstant();
        f.dueReceptionAt = readInstant();
        f.dueReceptionDate = readDate();
        f.dueRecordAt = readInstant();
        f.dueRecordDate = readDate();
        f.nationalDueAt = readInstant();
        f.nationalDueDate = readDate();
        f.rescheduledDueAt = readInstant();
        f.rescheduledDueDate = readDate();
        f.lastDueChangeAt = readInstant();
        for (long n = readUnsigned(); n > 0; n--) {
            f.dueHistory.add(new DossierFact.DueMark(readInstant(), readInstant(), readDate(), readInstant(),
                    readDate()));
        }
        f.supplementRequests = (int) readSigned();
        f.secondSupplementAt = readInstant();
        for (long n = readUnsigned(); n > 0; n--) {
            f.waits.add(new DossierFact.Wait(readWord(), readInstant(), readInstant()));
        }
        f.apologyAt = readInstant();
        f.apologyInformedAt = readInstant();
        for (long n = readUnsigned(); n > 0; n--) {
            f.newNotices.add(new DossierFact.Notice((int) readSigned(), readWord(), readWord(), in[at++] == 1,
                    (int) readSigned(), readInstant()));
        }
        f.figuresChangedSince = readInstant();
        f.apologyUnit = readWord();
        f.apologyTimely = readBool();
        f.overdueAt = readInstant();
        f.completedAt = readInstant();
        f.completionKind = readWord();
        f.outcome = readWord();
        f.recordTimeliness = readTimeliness();
        f.nationalTimeliness = readTimeliness();
        f.usedAmount = readDecimal();
        f.usedRatio = readDecimal();
        f.returnedAt = readInstant();
        f.returnChannel = readWord();
        f.withdrawnAt = readInstant();
        f.currentUnit = readWord();
        for (long n = readUnsigned(); n > 0; n--) {
            f.steps.add(readStep());
        }
        f.paidAt = readInstant();
        f.paymentChannel = readWord();
        f.paidOnline = readBool();
        f.digitisedAll = readBool();
        f.resultElectronic = readBool();
        f.syncState = readWord();
        long sync = readUnsigned();
        f.syncForVersion = sync == 0 ? null : (int) unzigzag(sync - 1);
        f.syncAt = readInstant();
        f.syncErrorCode = readWord();
        f.syncErrorMessage = readRaw();
        int count = (int) readUnsigned();
        List<DossierFact.Step> written = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            written.add(in[at++] == 0 ? f.steps.get(i) : readStep());
        }
        in = null;
        return new Decoded(f, written);
    }

    /** How many distinct strings the dictionary holds (for tests). */
    int words() {
        return words.size();
    }

    private void step(DossierFact.Step s) {
        signed(s.number());
        word(s.unitCode());
        word(s.stepName());
        instant(s.startedAt());
        instant(s.deadline());
        instant(s.endedAt());
    }

    private DossierFact.Step readStep() {
        return new DossierFact.Step((int) readSigned(), readWord(), readWord(), readInstant(), readInstant(),
                readInstant());
    }

    private void uuid(UUID id) {
        fixed(id.getMostSignificantBits());
        fixed(id.getLeastSignificantBits());
    }

    private UUID readUuid() {
        return new UUID(readFixed(), readFixed());
    }

    private void fixed(long v) {
        room(8);
        for (int i = 56; i >= 0; i -= 8) {
            out[length++] = (byte) (v >>> i);
        }
    }

    private long readFixed() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (in[at++] & 0xFF);
        }
        return v;
    }

    /**
     * 0: null; (micros zigzag) << 2 | 1: whole microseconds within about ±3,000 years of 1970; 2, then seconds and
     * nanoseconds: any other instant.
     */
    private void instant(Instant t) {
        if (t == null) {
            put(0);
            return;
        }
        long seconds = t.getEpochSecond();
        int nanos = t.getNano();
        if (nanos % 1000 == 0 && Math.abs(seconds) < 100_000_000_000L) {
            unsigned(zigzag(seconds * 1_000_000 + nanos / 1000) << 2 | 1);
        } else {
            unsigned(2);
            signed(seconds);
            unsigned(nanos);
        }
    }

    private Instant readInstant() {
        long v = readUnsigned();
        if (v == 0) {
            return null;
        }
        if ((v & 3) == 1) {
            long micros = unzigzag(v >>> 2);
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
        }
        long seconds = readSigned();
        return Instant.ofEpochSecond(seconds, readUnsigned());
    }

    private void date(LocalDate d) {
        unsigned(d == null ? 0 : zigzag(d.toEpochDay()) + 1);
    }

    private LocalDate readDate() {
        long v = readUnsigned();
        return v == 0 ? null : LocalDate.ofEpochDay(unzigzag(v - 1));
    }

    private void bool(Boolean b) {
        put(b == null ? 0 : b ? 2 : 1);
    }

    private Boolean readBool() {
        byte b = in[at++];
        return b == 0 ? null : b == 2;
    }

    private Timeliness readTimeliness() {
        int v = (int) readUnsigned();
        return v == 0 ? null : TIMELINESS[v - 1];
    }

    /** 0: null; 1: unscaled value fits a long; 2: its two's-complement bytes. The scale follows. */
    private void decimal(BigDecimal d) {
        if (d == null) {
            put(0);
            return;
        }
        BigInteger unscaled = d.unscaledValue();
        if (unscaled.bitLength() < 64) {
            put(1);
            signed(unscaled.longValue());
        } else {
            put(2);
            byte[] b = unscaled.toByteArray();
            unsigned(b.length);
            room(b.length);
            System.arraycopy(b, 0, out, length, b.length);
            length += b.length;
        }
        signed(d.scale());
    }

    private BigDecimal readDecimal() {
        byte kind = in[at++];
        if (kind == 0) {
            return null;
        }
        BigInteger unscaled;
        if (kind == 1) {
            unscaled = BigInteger.valueOf(readSigned());
        } else {
            int n = (int) readUnsigned();
            unscaled = new BigInteger(Arrays.copyOfRange(in, at, at + n));
            at += n;
        }
        return new BigDecimal(unscaled, (int) readSigned());
    }

    /** 0: null; 1: the string in full follows; n + 2: the dictionary's string n (added now if new and there is room). */
    private void word(String s) {
        if (s == null) {
            put(0);
            return;
        }
        Integer n = numbers.get(s);
        if (n == null && words.size() < WORDS) {
            n = words.size();
            words.add(s);
            numbers.put(s, n);
        }
        if (n == null) {
            put(1);
            chars(s);
        } else {
            unsigned(n + 2L);
        }
    }

    private String readWord() {
        long v = readUnsigned();
        return v == 0 ? null : v == 1 ? readChars() : words.get((int) (v - 2));
    }

    /** A string that rarely repeats (a dossier's code, an error message): in full, 0 for null. */
    private void raw(String s) {
        if (s == null) {
            put(0);
        } else {
            put(1);
            chars(s);
        }
    }

    private String readRaw() {
        return in[at++] == 0 ? null : readChars();
    }

    /** Every char as its value in a varint: exact for any string, one byte a char for codes and ASCII. */
    private void chars(String s) {
        unsigned(s.length());
        for (int i = 0; i < s.length(); i++) {
            unsigned(s.charAt(i));
        }
    }

    private String readChars() {
        int n = (int) readUnsigned();
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) readUnsigned();
        }
        return new String(c);
    }

    private void signed(long v) {
        unsigned(zigzag(v));
    }

    private long readSigned() {
        return unzigzag(readUnsigned());
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    private static long unzigzag(long v) {
        return v >>> 1 ^ -(v & 1);
    }

    /** Seven bits a byte, the low ones first; the high bit says more follow. */
    private void unsigned(long v) {
        room(10);
        while ((v & ~0x7FL) != 0) {
            out[length++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        out[length++] = (byte) v;
    }

    private long readUnsigned() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[at++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    private void put(int b) {
        room(1);
        out[length++] = (byte) b;
    }

    private void room(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }
}
