-- Read tables built from parley.chat-events. Every write is idempotent; see the projection classes.
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

-- json, not jsonb: the envelope is kept byte for byte as the client sent it.
CREATE TABLE messages (
    chat_id    UUID        NOT NULL,
    seq        BIGINT      NOT NULL,
    message_id UUID        NOT NULL UNIQUE,
    sender_id  UUID        NOT NULL,
    envelope   JSON        NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chat_id, seq)
);
