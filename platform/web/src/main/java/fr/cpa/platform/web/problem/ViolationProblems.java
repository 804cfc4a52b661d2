package fr.cpa.platform.web.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * Turns the Bean Validation violations of a resource method's parameters into field errors named as the client
 * knows them: a query, path or header parameter by its name, a body property by its JSON path.
 */
@ApplicationScoped
class ViolationProblems {

    private static final Set<Class<? extends Annotation>> NAMED_PARAMETERS = Set.of(QueryParam.class, PathParam.class,
            HeaderParam.class, CookieParam.class, FormParam.class, MatrixParam.class, RestQuery.class, RestPath.class,
            RestHeader.class, RestCookie.class, RestForm.class, RestMatrix.class);

    private final ObjectMapper mapper;

    @Inject
    ViolationProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ProblemException explain(Set<ConstraintViolation<?>> violations, Method resourceMethod) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            Located located = locate(violation, resourceMethod);
            if (located.wholeBody() && violation.getInvalidValue() == null) {
                return new ProblemException(ProblemType.MALFORMED_BODY, "A request body is required.");
            }
            errors.add(new FieldError(located.field(), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(FieldError::reason));
        return new ProblemException(ProblemType.VALIDATION, ProblemType.VALIDATION.detail(), errors);
    }

    /** The client's name for the violating value; wholeBody when it is the request body itself. */
    private record Located(String field, boolean wholeBody) {
    }

    private Located locate(ConstraintViolation<?> violation, Method method) {
        Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
        if (method == null || !nodes.hasNext() || nodes.next().getKind() != ElementKind.METHOD || !nodes.hasNext()) {
            return new Located(null, false);
        }
        Path.Node node = nodes.next();
        if (node.getKind() != ElementKind.PARAMETER) {
            return new Located(null, false);
        }
        Parameter parameter = method.getParameters()[node.as(Path.ParameterNode.class).getParameterIndex()];
        String name = parameterName(parameter, node.getName());
        if (name != null) {
            return new Located(name, false);
        }
        if (parameter.isAnnotationPresent(BeanParam.class)) {
            return new Located(beanParamName(parameter.getType(), nodes), false);
        }
        if (parameter.isAnnotationPresent(Context.class)) {
            return new Located(null, false);
        }
        String field = bodyPath(mapper.getTypeFactory().constructType(parameter.getParameterizedType()), nodes);
        return new Located(field, field == null);
    }

    /** The name of a query, path, header, cookie, form or matrix parameter; null for anything else. */
    private static String parameterName(AnnotatedElement element, String javaName) {
        for (Annotation annotation : element.getAnnotations()) {
            if (NAMED_PARAMETERS.contains(annotation.annotationType())) {
                try {
                    String value = (String) annotation.annotationType().getMethod("value").invoke(annotation);
                    return value.isEmpty() ? javaName : value;
                } catch (ReflectiveOperationException e) {
                    return javaName;
                }
            }
        }
        return null;
    }

    /** Within a @BeanParam: the parameter its violating field stands for. */
    private static String beanParamName(Class<?> beanType, Iterator<Path.Node> nodes) {
        if (!nodes.hasNext()) {
            return null;
        }
        Path.Node node = nodes.next();
        Field field = findField(beanType, node.getName());
        if (field == null) {
            return node.getName();
        }
        String name = parameterName(field, field.getName());
        if (name == null && field.isAnnotationPresent(BeanParam.class)) {
            return beanParamName(field.getType(), nodes);
        }
        return name != null ? name : field.getName();
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field;
                }
            }
        }
        return null;
    }

    /** The JSON path of a body property, following Jackson's names (e.g. @JsonProperty) along the way. */
    private String bodyPath(JavaType bodyType, Iterator<Path.Node> nodes) {
        FieldPaths path = new FieldPaths();
        JavaType current = bodyType;
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    path.index(node.getIndex());
                } else {
                    path.clientKey(node.getKey());
                }
                current = current == null ? null : current.getContentType();
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                BeanPropertyDefinition property = property(current, node.getName());
                path.property(property == null ? node.getName() : property.getName());
                current = property == null ? null : property.getPrimaryType();
            }
        }
        return path.orNull();
    }

    private BeanPropertyDefinition property(JavaType owner, String javaName) {
        if (owner == null) {
            return null;
        }
        return mapper.getDeserializationConfig().introspect(owner).findProperties().stream()
                .filter(p -> javaName.equals(p.getInternalName()))
                .findFirst().orElse(null);
    }
}
