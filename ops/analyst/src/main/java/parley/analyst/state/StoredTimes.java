package parley.analyst.state;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Reads the event store's time column fast. Axon writes it as {@code yyyy-MM-ddTHH:mm:ss.SSSZ}
 * (always three fraction digits, UTC); that form is read by hand, which costs a fraction of
 * {@link Instant#parse} (whose general parser was a tenth of a replay's time); any other form still
 * goes through {@link Instant#parse}.
 */
final class StoredTimes {

    private StoredTimes() {
    }

    static Instant parse(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return Instant.parse(text);
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        long seconds = days * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
    }

    /** The number in {@code text} from {@code start}, {@code length} digits; -1 if any is not a digit. */
    private static int digits(String text, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
