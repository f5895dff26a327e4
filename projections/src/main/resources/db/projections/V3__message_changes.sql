-- Edits replace a message's envelope; a redaction removes it and leaves a tombstone (the row,
-- with redacted_at set), so seq numbering and history pages stay intact.
ALTER TABLE messages
    ALTER COLUMN envelope DROP NOT NULL,
    ADD COLUMN edited_at TIMESTAMPTZ,
    ADD COLUMN redacted_at TIMESTAMPTZ;
