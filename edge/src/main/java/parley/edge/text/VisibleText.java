package parley.edge.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A text field shown to other users: after {@link PlainText#of} it must keep between 1 and
 * {@link #max()} characters, so a name made only of markup or invisible characters is refused.
 */
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
@Constraint(validatedBy = VisibleTextValidator.class)
public @interface VisibleText {

    int max();

    String message() default "must have 1 to {max} visible characters (markup is removed)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
