package parley.api.group;

/** A member's role: owners and admins manage members; only owners change roles of admins and owners. */
public enum GroupRole {
    OWNER,
    ADMIN,
    MEMBER;

    public boolean canManageMembers() {
        return this != MEMBER;
    }
}
