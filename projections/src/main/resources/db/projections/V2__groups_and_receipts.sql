-- Group chats. members_count is kept in the same transaction as the membership rows; no query
-- ever counts members. version is the aggregate sequence of the last membership event applied,
-- so a redelivered or replayed event cannot undo a later one.
CREATE TABLE group_chats (
    group_id         UUID        PRIMARY KEY,
    name             TEXT        NOT NULL,
    members_count    INTEGER     NOT NULL DEFAULT 0 CHECK (members_count >= 0),
    last_seq         BIGINT      NOT NULL DEFAULT 0,
    last_activity_at TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL
);

CREATE TABLE group_members (
    group_id      UUID        NOT NULL REFERENCES group_chats (group_id),
    user_id       UUID        NOT NULL,
    role          VARCHAR(16) NOT NULL,
    joined_at     TIMESTAMPTZ NOT NULL,
    joined_at_seq BIGINT      NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
-- A user's groups, for the chat list.
CREATE INDEX group_members_by_user ON group_members (user_id);

-- Delivery and read watermarks: one row per member and chat, never one per message.
CREATE TABLE private_chat_status (
    chat_id            UUID   NOT NULL,
    user_id            UUID   NOT NULL,
    delivered_up_to    BIGINT NOT NULL DEFAULT 0,
    read_up_to         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
);

CREATE TABLE group_chat_status (
    group_id           UUID   NOT NULL,
    user_id            UUID   NOT NULL,
    delivered_up_to    BIGINT NOT NULL DEFAULT 0,
    read_up_to         BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, user_id)
);
