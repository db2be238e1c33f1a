package vn.motcua.satisfaction;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.satisfaction.events.SatisfactionEventEnvelope;
import vn.motcua.testinfra.MotcuaTestInfra;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static vn.motcua.satisfaction.SatisfactionTestSupport.PC06;
import static vn.motcua.satisfaction.SatisfactionTestSupport.POLICE;
import static vn.motcua.satisfaction.SatisfactionTestSupport.anonymous;
import static vn.motcua.satisfaction.SatisfactionTestSupport.as;
import static vn.motcua.satisfaction.SatisfactionTestSupport.assertProblem;

/** A citizen scans the QR code on the receipt, sees the form, rates once; the rating is published. */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "satisfaction"))
class RatingByLinkTest {
    @MotcuaTestInfra.Infra
    MotcuaTestInfra.Handles infra;

    String officer;
    Instant now;

    @BeforeEach
    void setUp() {
        SatisfactionTestSupport.ensureCatalog(infra);
        now = SatisfactionTestSupport.vn("2026-11-23T10:00");
        TestClock.CLOCK.set(now);
        officer = infra.tokens().officer(POLICE);
    }

    @Test
    void theQrCodeOnTheReceiptOpensTheFormAndTheFirstRatingIsRecordedAndPublished() throws Exception {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofHours(1)));

        var link = as(officer).get("/api/v1/dossiers/" + d.code + "/rating-link").then().statusCode(200).extract();
        String token = link.path("token");
        assertThat((String) link.path("url")).isEqualTo("https://danhgia.motcua.vn/r/" + token);

        byte[] png = as(officer).get("/api/v1/dossiers/" + d.code + "/rating-link/qr.png").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertThat(decodeQr(png)).isEqualTo("https://danhgia.motcua.vn/r/" + token);

        anonymous().get("/api/v1/public/ratings/" + token).then().statusCode(200)
                .body("dossierCode", equalTo(d.code))
                .body("unitCode", equalTo(PC06))
                .body("unitName", equalTo("Phòng Cảnh sát quản lý hành chính về trật tự xã hội"))
                .body("state", equalTo("OPEN"))
                .body("criteriaSet.code", equalTo("POLICE"))
                .body("criteriaSet.criteria", hasSize(7))
                .body("scale", hasSize(5))
                .body("scale[4].nameVi", equalTo("Rất hài lòng"));

        anonymous().body(SatisfactionTestSupport.publicRating(5)).post("/api/v1/public/ratings/" + token)
                .then().statusCode(201).body("status", equalTo("VALID"))
                .body("messageVi", equalTo("Cảm ơn ông/bà đã đánh giá: ý kiến đã được ghi nhận"));

        anonymous().get("/api/v1/public/ratings/" + token).then().statusCode(200).body("state", equalTo("RATED"));
        assertProblem(anonymous().body(SatisfactionTestSupport.publicRating(1)).post("/api/v1/public/ratings/" + token),
                409, "already-rated");

        List<SatisfactionEventEnvelope> events = SatisfactionTestSupport.awaitPublished(infra, d.code, 1);
        assertThat(events).hasSize(1);
        SatisfactionEventEnvelope e = events.get(0);
        assertThat(e.type()).isEqualTo("RatingRecorded");
        assertThat(e.dossierId()).isEqualTo(d.id);
        assertThat(e.unitCode()).isEqualTo(PC06);
        var recorded = (SatisfactionEvent.RatingRecorded) e.data();
        assertThat(recorded.channel()).isEqualTo("QR");
        assertThat(recorded.overall()).isEqualTo(5);
        assertThat(recorded.satisfied()).isTrue();
        assertThat(recorded.withComment()).isTrue();
        assertThat(recorded.criteriaSet()).isEqualTo(new SatisfactionEvent.CriteriaSetRef("POLICE", 1));
        assertThat(recorded.answers()).hasSize(7);
        assertThat(recorded.returnedAt()).isEqualTo(now.minus(Duration.ofHours(1)));
    }

    @Test
    void aCommuneDossierGetsTheSipasCriteriaAndAnswersOutsideTheSetAreRefused() {
        var d = SatisfactionTestSupport.dossier(infra, SatisfactionTestSupport.COMMUNE, SatisfactionTestSupport.COMMUNE)
                .returnedAt(now.minus(Duration.ofHours(1)));
        String token = SatisfactionTestSupport.linkToken(infra.tokens().officer(SatisfactionTestSupport.COMMUNE), d);
        anonymous().get("/api/v1/public/ratings/" + token).then().statusCode(200)
                .body("criteriaSet.code", equalTo("SIPAS")).body("criteriaSet.criteria", hasSize(5));

        // the police criteria are not SIPAS criteria
        assertProblem(anonymous().body(SatisfactionTestSupport.publicRating(4)).post("/api/v1/public/ratings/" + token),
                400, "invalid-input").body("violations.field", org.hamcrest.Matchers.hasItems("answers.publication",
                "answers.reception", "answers.processing-time"));
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).isEmpty();

        anonymous().body(Map.of("answers", Map.of("access", 4, "civil-servant", 5), "overall", 4))
                .post("/api/v1/public/ratings/" + token).then().statusCode(201).body("status", equalTo("VALID"));
    }

    @Test
    void badInputIsAClearProblemAndStoresNothing() {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofHours(1)));
        String token = SatisfactionTestSupport.linkToken(officer, d);

        assertProblem(anonymous().body(Map.of("overall", 6)).post("/api/v1/public/ratings/" + token), 400, null);
        assertProblem(anonymous().body(Map.of("answers", Map.of("result", 0), "overall", 4))
                .post("/api/v1/public/ratings/" + token), 400, null);
        assertProblem(anonymous().body(Map.of("comment", "thiếu mức hài lòng chung"))
                .post("/api/v1/public/ratings/" + token), 400, null);
        assertProblem(anonymous().body("{not json").post("/api/v1/public/ratings/" + token), 400, null);
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).isEmpty();

        // a token with one character changed, or not a token at all
        String forged = token.substring(0, 37) + (token.endsWith("A") ? "B" : "A");
        assertProblem(anonymous().body(SatisfactionTestSupport.publicRating(5)).post("/api/v1/public/ratings/" + forged),
                404, "rating-link-not-found");
        assertProblem(anonymous().get("/api/v1/public/ratings/hello"), 404, "rating-link-not-found");
    }

    @Test
    void aRatingAfterTheWindowIsRefusedWithItsReason() {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofDays(31)));
        String token = SatisfactionTestSupport.linkToken(officer, d);
        anonymous().get("/api/v1/public/ratings/" + token).then().body("state", equalTo("WINDOW_CLOSED"));
        assertProblem(anonymous().body(SatisfactionTestSupport.publicRating(4)).post("/api/v1/public/ratings/" + token),
                422, "rating-window-closed").body("detailVi", org.hamcrest.Matchers.containsString("hết thời hạn"));
        assertThat(SatisfactionTestSupport.ratings(infra, d.code)).isEmpty();
    }

    @Test
    void onlyTheDossiersUnitsGetItsRatingLink() {
        var d = SatisfactionTestSupport.dossier(infra).returnedAt(now.minus(Duration.ofHours(1)));
        assertProblem(as(infra.tokens().officer(SatisfactionTestSupport.COMMUNE))
                .get("/api/v1/dossiers/" + d.code + "/rating-link"), 403, "unit-not-allowed");
        as(infra.tokens().officer(PC06)).get("/api/v1/dossiers/" + d.code + "/rating-link").then().statusCode(200);
        assertProblem(anonymous().get("/api/v1/dossiers/" + d.code + "/rating-link"), 401, null);
        assertProblem(as(officer).get("/api/v1/dossiers/000.00.20.H40-991231-9999/rating-link"), 404,
                "dossier-not-known-yet");
    }

    static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
