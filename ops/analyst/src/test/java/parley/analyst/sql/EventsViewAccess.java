package parley.analyst.sql;

import java.nio.file.Path;
import parley.analyst.export.ExportFormat;

/** Lets tests of other packages read an export as the sql command does. */
public final class EventsViewAccess {

    private EventsViewAccess() {
    }

    public static String source(Path export, ExportFormat format) {
        return EventsView.source(export, format);
    }
}
