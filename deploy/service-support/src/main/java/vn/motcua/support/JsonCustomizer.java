package vn.motcua.support;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = {"dayBased", "officeTimeBased"})
    abstract static class ProcessingTimeJson {
    }
}
