-- The current layout of one read-model generation: every read table, unqualified. It is run with
-- search_path set to the generation's schema (read_g<N>, or public for a fresh install's first
-- generation); docs/adr/0013-read-model-generations-and-rebuilds.md. A change here ships as a
-- rebuild (./parley analyst rebuild), not as an ALTER of the live tables. Every write of the
-- projections is idempotent; see the projection classes.
CREATE TABLE users (
    user_id       UUID        PRIMARY KEY,
    username      TEXT        NOT NULL UNIQUE,
    display_name  TEXT        NOT NULL,
    registered_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE private_chats (
    chat_id          UUID        PRIMARY KEY,
    user_low         UUID        NOT NULL,
    user_high        UUID        NOT NULL,
    last_seq         BIGINT      NOT NULL DEFAULT 0,
    last_activity_at TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL
);
-- The chat list of a user: one index per side of the pair, in activity order.
CREATE INDEX private_chats_low_activity ON private_chats (user_low, last_activity_at DESC);
CREATE INDEX private_chats_high_activity ON private_chats (user_high, last_activity_at DESC);

-- Private and group messages are kept apart (one partition each), as the design card asks, while
-- readers and writers still name one table. A chat id is either a private chat's or a group's, so
-- the keys of each partition are the keys of the whole. json, not jsonb: the envelope is kept byte
-- for byte as the client sent it. Edits replace the envelope; a redaction sets it to NULL and
-- leaves the row as a tombstone (redacted_at), so seq numbering and history pages stay intact. The
-- sender's clientMessageId is part of what an envelope is bound to (docs/e2ee.md).
CREATE TABLE messages (
    chat_id           UUID        NOT NULL,
    seq               BIGINT      NOT NULL,
    message_id        UUID        NOT NULL,
    sender_id         UUID        NOT NULL,
    envelope          JSON,
    sent_at           TIMESTAMPTZ NOT NULL,
    edited_at         TIMESTAMPTZ,
    redacted_at       TIMESTAMPTZ,
    client_message_id VARCHAR(128),
    chat_type         VARCHAR(8)  NOT NULL
) PARTITION BY LIST (chat_type);
CREATE TABLE private_messages PARTITION OF messages (PRIMARY KEY (chat_id, seq), UNIQUE (message_id))
    FOR VALUES IN ('PRIVATE');
CREATE TABLE group_messages PARTITION OF messages (PRIMARY KEY (chat_id, seq), UNIQUE (message_id))
    FOR VALUES IN ('GROUP');

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

-- Every device a user published keys for, revoked ones marked (a revoked id is never reused). seq is
-- the user's event sequence of the last applied key change, so a redelivered older rotation is ignored.
CREATE TABLE user_devices (
    user_id       UUID        NOT NULL,
    device_id     VARCHAR(64) NOT NULL,
    agreement_key VARCHAR(64) NOT NULL,
    signing_key   VARCHAR(64) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    seq           BIGINT      NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
