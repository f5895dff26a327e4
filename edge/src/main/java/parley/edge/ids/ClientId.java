package parley.edge.ids;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** An id chosen by the client, in the form {@link ClientIds} defines; a missing value is left to {@code @NotNull}. */
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = ClientIdValidator.class)
public @interface ClientId {

    String message() default ClientIds.DESCRIPTION;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
