package vn.motcua.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import vn.motcua.duedate.ProcessingTime;

/** REST responses write processing times exactly as the events do: amount and unit only. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(ProcessingTime.class, ProcessingTimeJson.class);
    }

    /** A mapper for a service's own stored JSON: the REST conventions, ISO instants, unknown fields ignored. */
    public static ObjectMapper storageMapper() {
        return new ObjectMapper()
                .addMixIn(ProcessingTime.class, ProcessingTimeJson.class)
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"dayBased", "officeTimeBased"})
    abstract static class ProcessingTimeJson {
    }
}
