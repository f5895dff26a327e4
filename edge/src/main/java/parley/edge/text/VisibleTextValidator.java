package parley.edge.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link VisibleText}; a missing value is left to {@code @NotNull}. */
public class VisibleTextValidator implements ConstraintValidator<VisibleText, String> {

    private int max;

    @Override
    public void initialize(VisibleText annotation) {
        max = annotation.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int length = PlainText.of(value).length();
        return length >= 1 && length <= max;
    }
}
