package parley.bench.load;

/** FULL: the figures. SMOKE: a handful of users for a few seconds, to prove the scenario runs. */
public enum LoadSize {
    FULL, SMOKE
}
