package parley.api;

public enum ChatType {
    PRIVATE,
    GROUP
}
