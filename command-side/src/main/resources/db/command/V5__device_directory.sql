-- The current (not revoked) devices of every user and their public keys, kept in the transaction that
-- stores the device events, so a send can be checked against them synchronously.
CREATE TABLE device_directory (
    user_id       UUID        NOT NULL,
    device_id     VARCHAR(64) NOT NULL,
    agreement_key VARCHAR(64) NOT NULL,
    signing_key   VARCHAR(64) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, device_id)
);
