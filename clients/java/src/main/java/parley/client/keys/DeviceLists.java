package parley.client.keys;

import java.util.List;
import java.util.Optional;

/** Reads a user's current devices as the server lists them ({@code GET /api/users/{id}/devices}). */
public interface DeviceLists {

    /** @return empty for a user the directory does not list (yet) */
    Optional<List<PublishedDevice>> current(String userId);
}
