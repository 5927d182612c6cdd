package dev.evalplane.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * No two {@code @ServerExceptionMapper} methods for one exception type and priority. RESTEasy Reactive then uses one
 * of them, chosen by build order, not by anything in the code: the gateway once answered unknown paths with the mapper
 * that returned null (an empty 204) instead of the one that wrote a 404 problem. Checked over every class given (a
 * service's own plus service-support's, whose mappers every service registers).
 */
final class ExceptionMapperRule {

    static final String ANNOTATION = "org.jboss.resteasy.reactive.server.ServerExceptionMapper";
    /** {@code jakarta.ws.rs.Priorities.USER}, the annotation's default priority. */
    private static final int DEFAULT_PRIORITY = 5000;

    static ArchRule oneMapperPerExceptionAndPriority() {
        return methods().that().areAnnotatedWith(ANNOTATION).should(new ArchCondition<JavaMethod>(
                "be the only @ServerExceptionMapper for their exception type and priority") {

            private final Map<String, List<JavaMethod>> byKey = new LinkedHashMap<>();

            @Override
            public void init(Collection<JavaMethod> mappers) {
                byKey.clear();
                for (JavaMethod mapper : mappers) {
                    for (String key : keys(mapper)) {
                        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(mapper);
                    }
                }
            }

            @Override
            public void check(JavaMethod mapper, ConditionEvents events) {
                for (String key : keys(mapper)) {
                    List<JavaMethod> same = byKey.get(key);
                    boolean alone = same.size() == 1;
                    String others = same.stream().filter(m -> !m.equals(mapper)).map(JavaMethod::getFullName).toList()
                            .toString();
                    events.add(new SimpleConditionEvent(mapper, alone, mapper.getFullName() + " maps " + key
                            + (alone ? " alone" : " as does " + others)));
                }
            }
        }).because("RESTEasy Reactive picks one of two mappers for the same exception and priority by build "
                        + "order (issue 13: the gateway's 204 for unknown paths)");
    }

    /** "exception type at priority N", one per exception type the method maps. */
    static List<String> keys(JavaMethod mapper) {
        JavaAnnotation<JavaMethod> annotation = mapper.getAnnotationOfType(ANNOTATION);
        int priority = annotation.get("priority").map(p -> (Integer) p).orElse(DEFAULT_PRIORITY);
        List<String> types = new ArrayList<>();
        Object declared = annotation.get("value").orElse(new JavaClass[0]);
        for (Object type : (Object[]) declared) {
            types.add(((JavaClass) type).getName());
        }
        if (types.isEmpty()) {
            mapper.getRawParameterTypes().stream().filter(ExceptionMapperRule::isThrowable).findFirst()
                    .ifPresent(t -> types.add(t.getName()));
        }
        return types.stream().map(type -> type + " at priority " + priority).toList();
    }

    /** By the loaded class: an import of a few classes does not know the JDK's exception hierarchy. */
    private static boolean isThrowable(JavaClass type) {
        if (type.isAssignableTo(Throwable.class)) {
            return true;
        }
        try {
            return Throwable.class.isAssignableFrom(Class.forName(type.getName(), false,
                    ExceptionMapperRule.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private ExceptionMapperRule() {
    }
}
