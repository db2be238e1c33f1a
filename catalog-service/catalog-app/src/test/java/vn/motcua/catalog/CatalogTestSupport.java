package vn.motcua.catalog;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import vn.motcua.testinfra.MotcuaTestInfra;
import vn.motcua.testinfra.TopicReader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Builders for catalog requests used by several test classes. */
final class CatalogTestSupport {
    private CatalogTestSupport() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    static Map<String, Object> time(int amount, String unit) {
        return Map.of("amount", amount, "unit", unit);
    }

    static Map<String, Object> version(String from, String to, Map<String, Object> legalTime) {
        Map<String, Object> v = new java.util.HashMap<>();
        v.put("effectiveFrom", from);
        v.put("effectiveTo", to);
        v.put("legalTime", legalTime);
        v.put("feeVnd", 30000);
        v.put("onlineLevel", "FULLY_ONLINE");
        v.put("postalReception", true);
        v.put("postalReturn", true);
        v.put("requiredDocuments", List.of("Tờ khai", "Giấy tờ tùy thân"));
        v.put("legalBasis", "Luật thử nghiệm");
        return v;
    }

    static Map<String, Object> procedure(String code, String name, String fieldCode, List<String> unitTypes,
                                         List<Map<String, Object>> versions) {
        return Map.of("code", code, "nameVi", name, "fieldCode", fieldCode, "level", "PROVINCE",
                "competentUnitTypes", unitTypes, "versions", versions);
    }

    static Map<String, Object> unit(String code, String name, String type, String parent, String from) {
        Map<String, Object> u = new java.util.HashMap<>();
        u.put("code", code);
        u.put("nameVi", name);
        u.put("type", type);
        u.put("parentCode", parent);
        u.put("validFrom", from);
        return u;
    }

    /** Waits for {@code expected} records with this key, then checks there are not more (no duplicates). */
    static List<TopicReader.Message> awaitMessages(MotcuaTestInfra.Handles infra, String topic, String key, int expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                TopicReader.read(infra.kafka().bootstrapServers(), topic, m -> key.equals(m.key())).size() >= expected);
        List<TopicReader.Message> messages = TopicReader.read(infra.kafka().bootstrapServers(), topic,
                m -> key.equals(m.key()));
        assertThat(messages).hasSize(expected);
        return messages;
    }

    /** Outbox rows for a record key; only the unpublished ones when {@code pendingOnly}. */
    static long outboxRows(MotcuaTestInfra.Handles infra, String key, boolean pendingOnly) {
        String sql = "select count(*) from catalog.outbox where record_key = ?"
                + (pendingOnly ? " and published_at is null" : "");
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()), "postgres", "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ValidatableResponse createField(String admin, String code, String name) {
        return as(admin).body(Map.of("code", code, "nameVi", name)).put("/api/v1/fields/" + code).then();
    }
}
