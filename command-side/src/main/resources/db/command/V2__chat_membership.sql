-- The command side's own view of who is in which chat and each chat's last seq, kept in the same
-- transaction as the events (a subscribing processor). It authorizes receipts and drives push
-- fan-out; the aggregates stay the authority for their own commands.
CREATE TABLE chat_heads (
    chat_id   UUID        PRIMARY KEY,
    chat_type VARCHAR(16) NOT NULL,
    last_seq  BIGINT      NOT NULL DEFAULT 0
);

CREATE TABLE chat_members (
    chat_id UUID NOT NULL REFERENCES chat_heads (chat_id),
    user_id UUID NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);
