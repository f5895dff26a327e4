package parley.edge.ids;

import java.util.regex.Pattern;

/**
 * The one form of every id a client makes up ({@code clientMessageId}, {@code clientCommandId}):
 * 1 to {@value #MAX_LENGTH} characters of printable ASCII (U+0020 to U+007E). Such an id is stored,
 * logged, echoed in replies and pushed to other users, so a NUL (which PostgreSQL's text type
 * refuses, stalling the projection that meets it), another control character, a character outside
 * ASCII or an unbounded length is refused where the id enters, before anything is stored.
 * A UUID in text, the reference clients' choice, always fits.
 */
public final class ClientIds {

    public static final int MAX_LENGTH = 128;
    public static final String PATTERN = "[\\x20-\\x7E]{1," + MAX_LENGTH + "}";
    public static final String DESCRIPTION = "must be 1 to " + MAX_LENGTH + " printable ASCII characters (U+0020 to U+007E)";

    private static final Pattern FORM = Pattern.compile(PATTERN);

    private ClientIds() {
    }

    public static boolean isValid(String id) {
        return id != null && id.length() <= MAX_LENGTH && FORM.matcher(id).matches();
    }
}
