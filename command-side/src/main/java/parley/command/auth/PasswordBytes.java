package parley.command.auth;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

/**
 * A password fits BCrypt: at most {@value #MAX} bytes in UTF-8. BCrypt reads no further (Spring's
 * encoder refuses longer input outright), and silently cutting a password would make every
 * password sharing the first 72 bytes the same one. Bytes, not characters: "é" is two, "😀" four.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PasswordBytes.Check.class)
@interface PasswordBytes {

    int MAX = 72;

    String message() default "must be at most " + MAX + " bytes in UTF-8 (BCrypt's limit; a non-ASCII character takes 2 to 4)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PasswordBytes, String> {
        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            return password == null || password.getBytes(StandardCharsets.UTF_8).length <= MAX;
        }
    }
}
