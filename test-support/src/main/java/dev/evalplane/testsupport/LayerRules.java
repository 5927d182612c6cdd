package dev.evalplane.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules every service keeps (checked by each service's {@code LayerRulesTests}): a layer is a package
 * ({@code rest}, {@code service}, {@code repository}, {@code domain}) or, in a feature package such as
 * {@code online}, a class named after it ({@code OnlineConfigRepository}, {@code OnlineScoringService},
 * {@code OnlineScoringResource}). Dependencies point one way: rest → service → repository → domain.
 * <ul>
 * <li>a repository knows nothing of services or REST;</li>
 * <li>a service knows nothing of REST: it throws service-support's domain exceptions, which the REST layer answers
 * as problem+json, never a JAX-RS exception or response;</li>
 * <li>the domain records know none of the layers that use them;</li>
 * <li>no two {@code @ServerExceptionMapper} methods share an exception type and priority, over the service's classes
 * and service-support's ({@link ExceptionMapperRule}).</li>
 * </ul>
 */
public final class LayerRules {

    /** service-support's package: its mappers are registered in every service. */
    private static final String SERVICE_SUPPORT = "dev.evalplane.support";
    private static final DescribedPredicate<JavaClass> REST = layer("rest", "Resource")
            .or(describe("JAX-RS", c -> c.getPackageName().startsWith("jakarta.ws.rs")));
    private static final DescribedPredicate<JavaClass> SERVICE = layer("service", "Service");
    private static final DescribedPredicate<JavaClass> REPOSITORY = layer("repository", "Repository");
    private static final DescribedPredicate<JavaClass> DOMAIN = describe("in a domain package",
            c -> c.getPackageName().endsWith(".domain"));

    /** The rules, for any service. */
    public static List<ArchRule> rules() {
        return List.of(
                noClasses().that(REPOSITORY).should().dependOnClassesThat(SERVICE.or(REST))
                        .because("repositories keep the rows; services and the API are above them"),
                noClasses().that(SERVICE).should().dependOnClassesThat(REST)
                        .because("the service layer throws domain exceptions; the REST layer maps them to problem+json"),
                noClasses().that(DOMAIN).should().dependOnClassesThat(SERVICE.or(REST).or(REPOSITORY))
                        .because("records shared by the layers depend on none of them"));
    }

    /**
     * Checks every rule on the module's own main classes ({@code target/classes}: run from the module directory), and
     * the exception mapper rule on those together with service-support's, which every service registers.
     */
    public static void checkMainClasses() {
        JavaClasses own = new ClassFileImporter().importPath(Path.of("target", "classes"));
        check(own);
        Set<Location> withServiceSupport = new HashSet<>(Locations.ofPackage(SERVICE_SUPPORT));
        withServiceSupport.add(Location.of(Path.of("target", "classes")));
        checkExceptionMappers(new ClassFileImporter().importLocations(withServiceSupport));
    }

    /** No two {@code @ServerExceptionMapper} methods of these classes share an exception type and priority. */
    public static void checkExceptionMappers(JavaClasses classes) {
        ExceptionMapperRule.oneMapperPerExceptionAndPriority().check(classes);
    }

    public static void check(JavaClasses classes) {
        if (classes.isEmpty()) {
            throw new AssertionError("no classes to check");
        }
        rules().forEach(rule -> rule.check(classes));
    }

    private static DescribedPredicate<JavaClass> layer(String packageName, String suffix) {
        return describe("in a " + packageName + " package or named *" + suffix,
                c -> c.getPackageName().endsWith("." + packageName) || c.getPackageName().contains("." + packageName + ".")
                        || c.getSimpleName().endsWith(suffix)
                        || c.getEnclosingClass().map(outer -> outer.getSimpleName().endsWith(suffix)).orElse(false));
    }

    private LayerRules() {
    }
}
