-- When the user last proved their password in this refresh-token family: the access tokens a
-- refresh issues carry it as auth_time, so a refresh never makes a session look freshly logged in.
-- NULL for families started before this column: their tokens have no auth_time (never fresh).
ALTER TABLE refresh_tokens ADD COLUMN authenticated_at TIMESTAMPTZ;

-- The successor a rotation issued, sealed (AES-256-GCM) under a key derived from the rotated token
-- itself, so that a retry with that token within the grace window gets the same successor back. The
-- database alone cannot open it: the key exists only while a client presents the rotated token.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed BYTEA;
