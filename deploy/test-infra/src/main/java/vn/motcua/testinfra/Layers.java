package vn.motcua.testinfra;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package roles inside a service (README, module table): {@code api} (REST, DTOs) calls {@code app} (use cases),
 * which calls {@code domain}, {@code store}, {@code messaging}, {@code projection}; nothing below {@code api} uses it.
 * Read from the compiled classes, so a fully qualified name counts as much as an import.
 */
public final class Layers {
    private Layers() {
    }

    /** Fails, naming each offending dependency, when a class of {@code service} outside its api package uses it. */
    public static void requireNothingBelowApiUsesIt(String service) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(service);
        noClasses().that().resideOutsideOfPackage(service + ".api..")
                .should().dependOnClassesThat().resideInAPackage(service + ".api..")
                .because("app (use cases) and the layers below it never use the REST layer; views and DTO "
                        + "mapping live in api")
                .check(classes);
    }
}
