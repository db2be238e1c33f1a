package vn.motcua.dossier.api;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command registry and the REST API say the same thing: every registered command has exactly one POST
 * sub-resource of that name taking that body, and no command endpoint exists outside the registry.
 */
class DossierCommandNameTest {
    private static final String PREFIX = "/dossiers/{ref}/";

    @Test
    void everyCommandEndpointIsARegisteredNameWithItsBody() {
        Map<String, Class<?>> endpoints = new TreeMap<>();
        for (Method m : DossierResource.class.getDeclaredMethods()) {
            Path path = m.getAnnotation(Path.class);
            if (m.isAnnotationPresent(POST.class) && path != null && path.value().startsWith(PREFIX)) {
                Class<?> body = Arrays.stream(m.getParameters())
                        .filter(p -> p.getType().getDeclaringClass() == Requests.class)
                        .findFirst().orElseThrow().getType();
                assertThat(endpoints.put(path.value().substring(PREFIX.length()), body))
                        .as("two endpoints for %s", path.value()).isNull();
            }
        }
        Map<String, Class<?>> registry = Arrays.stream(DossierCommandName.values()).collect(Collectors.toMap(
                DossierCommandName::path, DossierCommandName::bodyType, (a, b) -> a, TreeMap::new));
        assertThat(endpoints).isEqualTo(registry);
    }

    @Test
    void namesAreLookedUpByTheirApiSpelling() {
        for (DossierCommandName n : DossierCommandName.values()) {
            assertThat(DossierCommandName.byPath(n.path())).contains(n);
        }
        assertThat(DossierCommandName.byPath("RESULT")).isEmpty();
        assertThat(DossierCommandName.paths()).doesNotHaveDuplicates().hasSize(DossierCommandName.values().length);
    }
}
