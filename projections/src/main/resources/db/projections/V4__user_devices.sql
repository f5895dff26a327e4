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
