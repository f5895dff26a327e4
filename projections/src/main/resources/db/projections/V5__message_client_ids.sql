-- The sender's clientMessageId is part of what an end-to-end encrypted envelope is bound to
-- (docs/e2ee.md): a reader needs it to verify and open a message from history. Rows written before
-- this column get it on a replay.
ALTER TABLE messages ADD COLUMN client_message_id VARCHAR(128);
