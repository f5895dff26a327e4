package parley.edge.ids;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ClientId}. */
public class ClientIdValidator implements ConstraintValidator<ClientId, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || ClientIds.isValid(value);
    }
}
