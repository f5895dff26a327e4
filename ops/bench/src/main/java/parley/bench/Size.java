package parley.bench;

/** The sizes, or seconds-long ones that keep the harness from rotting (CI runs those). */
public enum Size {
    FULL,
    SMOKE
}
