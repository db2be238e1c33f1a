package vn.motcua.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaDocumentTest {
    private static final String RESOURCE = "schemas/receipt.schema.json";
    private static final JsonSchemaDocument SCHEMA =
            JsonSchemaDocument.fromClassPath(RESOURCE, JsonSchemaDocumentTest.class.getClassLoader());
    private static final String VALID = """
            { "id": "0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b", "code": "000.00.20.H40-261123-0001",
              "issuedAt": "2026-11-23T01:15:30.123456Z", "dueDate": "2026-12-02", "copies": 1 }
            """;

    @Test
    void aValidDocumentHasNoViolationsWhicheverWayItArrives() throws IOException {
        assertThat(SCHEMA.validate(VALID)).isEmpty();
        assertThat(SCHEMA.validate(VALID.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(SCHEMA.validate(new ObjectMapper().readTree(VALID))).isEmpty();
        assertThat(SCHEMA.resource()).isEqualTo(RESOURCE);
    }

    @Test
    void violationsAreReportedSortedAndNameTheField() throws IOException {
        ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(VALID);
        doc.remove("code");
        doc.put("copies", 4);

        List<String> violations = SCHEMA.validate(doc);

        assertThat(violations).hasSize(2).isSorted();
        assertThat(violations).anySatisfy(v -> assertThat(v).contains("code"))
                .anySatisfy(v -> assertThat(v).contains("copies"));
    }

    @Test
    void formatsAreAssertedNotOnlyAnnotated() {
        assertThat(SCHEMA.validate(VALID.replace("0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b", "receipt-1")))
                .anySatisfy(v -> assertThat(v).contains("id"));
        assertThat(SCHEMA.validate(VALID.replace("2026-11-23T01:15:30.123456Z", "2026-11-23T08:15:30")))
                .anySatisfy(v -> assertThat(v).contains("issuedAt"));
        assertThat(SCHEMA.validate(VALID.replace("2026-12-02", "02/12/2026")))
                .anySatisfy(v -> assertThat(v).contains("dueDate"));
    }

    @Test
    void textThatIsNotOneJsonDocumentIsReportedNotThrown() {
        assertThat(SCHEMA.validate("{ not json")).singleElement().asString().startsWith("not JSON: ");
        assertThat(SCHEMA.validate(VALID + " {}")).singleElement().asString().startsWith("not JSON: ");
        assertThat(SCHEMA.validate("")).singleElement().asString().startsWith("not JSON: ");
        assertThat(SCHEMA.validate((String) null)).singleElement().asString().startsWith("not JSON: ");
        assertThat(SCHEMA.validate(new byte[] {(byte) 0xAC, (byte) 0xED, 0x00, 0x05}))
                .singleElement().asString().startsWith("not JSON: ");
        assertThat(SCHEMA.validate((byte[]) null)).singleElement().asString().startsWith("not JSON: ");
    }

    @Test
    void aMissingResourceFailsWhenLoading() {
        assertThatThrownBy(() -> JsonSchemaDocument.fromClassPath("schemas/nothing-v1.schema.json",
                getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schemas/nothing-v1.schema.json");
    }

    @Test
    void aSchemaWithAnUnresolvableReferenceFailsWhenLoading() {
        assertThatThrownBy(() -> JsonSchemaDocument.fromClassPath("schemas/broken.schema.json",
                getClass().getClassLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schemas/broken.schema.json");
    }

    @Test
    void oneInstanceValidatesFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String doc = i % 2 == 0 ? VALID : VALID.replace("\"copies\": 1", "\"copies\": 0");
                results.add(pool.submit(() -> SCHEMA.validate(doc)));
            }
            for (int i = 0; i < results.size(); i++) {
                List<String> violations = results.get(i).get();
                if (i % 2 == 0) {
                    assertThat(violations).isEmpty();
                } else {
                    assertThat(violations).singleElement().asString().contains("copies");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
