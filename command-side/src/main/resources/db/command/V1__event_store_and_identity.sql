-- Axon's JDBC event store. The global index has its own sequence with cache 1, so values are
-- handed out one at a time in commit-close order and gaps come only from rolled-back appends.
CREATE SEQUENCE domain_event_global_index_seq INCREMENT BY 1 CACHE 1;

CREATE TABLE domainevententry (
    globalindex         BIGINT       NOT NULL DEFAULT nextval('domain_event_global_index_seq') PRIMARY KEY,
    eventidentifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    timestamp           VARCHAR(255) NOT NULL,
    payloadtype         VARCHAR(255) NOT NULL,
    payloadrevision     VARCHAR(255),
    payload             BYTEA        NOT NULL,
    metadata            BYTEA,
    CONSTRAINT domain_event_aggregate_sequence UNIQUE (aggregateidentifier, sequencenumber)
);
ALTER SEQUENCE domain_event_global_index_seq OWNED BY domainevententry.globalindex;

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL UNIQUE,
    timestamp           VARCHAR(255) NOT NULL,
    payloadtype         VARCHAR(255) NOT NULL,
    payloadrevision     VARCHAR(255),
    payload             BYTEA        NOT NULL,
    metadata            BYTEA,
    PRIMARY KEY (aggregateidentifier, sequencenumber)
);

CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

-- Set-based uniqueness of user names and the password hashes: kept out of the event stream on
-- purpose (a secret must not live in an immutable, replicated log).
CREATE TABLE user_credentials (
    user_id       UUID         PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL UNIQUE,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
