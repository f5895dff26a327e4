-- Refresh tokens: only the SHA-256 of the opaque token is stored. Every token belongs to a family
-- (one login); refreshing rotates the token within its family, and presenting a rotated token
-- again revokes the family (and the user's sessions).
CREATE TABLE refresh_tokens (
    token_hash BYTEA       PRIMARY KEY,
    family_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    rotated_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);

-- Per user, the instant before which access tokens are no longer accepted (set when a user's
-- sessions are revoked). Read by the command side and the query side.
CREATE TABLE user_session_cutoffs (
    user_id    UUID        PRIMARY KEY,
    not_before TIMESTAMPTZ NOT NULL
);

-- The RS256 signing keys shared by every command-side node: the newest unretired key signs; a
-- retired key stays published until every token it signed has expired.
CREATE TABLE jwt_signing_keys (
    kid          VARCHAR(128) PRIMARY KEY,
    jwk          TEXT         NOT NULL,
    activated_at TIMESTAMPTZ  NOT NULL,
    retired_at   TIMESTAMPTZ
);
