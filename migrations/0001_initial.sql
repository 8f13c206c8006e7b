-- Sessions: one import of a capture file, or (later) one live recording.
-- Times of sessions are wall-clock Unix milliseconds; times of packets and exchanges are packet-time Unix nanoseconds.
CREATE TABLE sessions (
    id              TEXT    PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('import', 'live')),
    status          TEXT    NOT NULL CHECK (status IN ('analyzing', 'recording', 'completed', 'stopped', 'failed', 'interrupted')),
    name            TEXT,
    created_at_ms   INTEGER NOT NULL,
    ended_at_ms     INTEGER,
    packets         INTEGER NOT NULL DEFAULT 0,
    bytes           INTEGER NOT NULL DEFAULT 0,
    exchanges       INTEGER NOT NULL DEFAULT 0,
    connections     INTEGER NOT NULL DEFAULT 0,
    skipped_packets INTEGER NOT NULL DEFAULT 0,
    dropped         INTEGER NOT NULL DEFAULT 0,
    error           TEXT,
    capture_file    TEXT,
    capture_format  TEXT,
    target          TEXT,   -- JSON describing what a live session records (container, network namespace)
    interface       TEXT,
    filter          TEXT,
    stop_reason     TEXT
);

CREATE INDEX ix_sessions_created ON sessions (created_at_ms, id);
CREATE INDEX ix_sessions_status ON sessions (status);

-- TCP connections: endpoints and packet range, what is needed to cut a connection's packets out of the capture.
CREATE TABLE connections (
    session_id         TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    connection_id      INTEGER NOT NULL,
    initiator_ip       TEXT    NOT NULL,
    initiator_port     INTEGER NOT NULL,
    responder_ip       TEXT    NOT NULL,
    responder_port     INTEGER NOT NULL,
    vlan               INTEGER NOT NULL DEFAULT 0,
    first_packet_index INTEGER NOT NULL,
    first_packet_ns    INTEGER NOT NULL,
    last_packet_index  INTEGER NOT NULL,
    last_packet_ns     INTEGER NOT NULL,
    packets            INTEGER NOT NULL,
    close_reason       TEXT,
    PRIMARY KEY (session_id, connection_id)
);

-- Exchanges: one request and its final response. Headers are JSON arrays of [name, value] pairs in wire order.
CREATE TABLE exchanges (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id              TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    connection_id           INTEGER NOT NULL,
    client_ip               TEXT    NOT NULL,
    client_port             INTEGER NOT NULL,
    server_ip               TEXT    NOT NULL,
    server_port             INTEGER NOT NULL,
    started_ns              INTEGER NOT NULL,
    ended_ns                INTEGER NOT NULL,
    first_packet_index      INTEGER NOT NULL,
    last_packet_index       INTEGER NOT NULL,
    method                  TEXT,
    uri                     TEXT,
    path                    TEXT,
    query                   TEXT,
    host                    TEXT,
    host_name               TEXT,
    host_port               INTEGER,
    http_version            TEXT,
    status                  INTEGER,
    reason                  TEXT,
    request_headers         TEXT    NOT NULL DEFAULT '[]',
    response_headers        TEXT    NOT NULL DEFAULT '[]',
    request_trailers        TEXT    NOT NULL DEFAULT '[]',
    response_trailers       TEXT    NOT NULL DEFAULT '[]',
    interim_statuses        TEXT    NOT NULL DEFAULT '[]',
    request_body_size       INTEGER NOT NULL DEFAULT 0,
    response_body_size      INTEGER NOT NULL DEFAULT 0,
    request_body_truncated  INTEGER NOT NULL DEFAULT 0,
    response_body_truncated INTEGER NOT NULL DEFAULT 0,
    -- The stored (capped) bodies live in the session's body file, bodies/{session_id}.bin: offset and stored length.
    request_body_offset     INTEGER NOT NULL DEFAULT 0,
    request_body_stored     INTEGER NOT NULL DEFAULT 0,
    response_body_offset    INTEGER NOT NULL DEFAULT 0,
    response_body_stored    INTEGER NOT NULL DEFAULT 0,
    issues                  INTEGER NOT NULL DEFAULT 0,
    complete                INTEGER NOT NULL
);

CREATE INDEX ix_exchanges_session_started ON exchanges (session_id, started_ns, id);
CREATE INDEX ix_exchanges_host_started ON exchanges (host_name, started_ns);
CREATE INDEX ix_exchanges_path_started ON exchanges (path, started_ns);
CREATE INDEX ix_exchanges_status_started ON exchanges (status, started_ns);
CREATE INDEX ix_exchanges_started ON exchanges (started_ns, id);
