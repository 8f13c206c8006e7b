-- What a session keeps (issue 5): whether secret header values were redacted before storage, and whether its packets
-- (the capture file) are kept once analysed.
--
-- redacted: 1 when the values of Authorization, Proxy-Authorization, Cookie, Set-Cookie and the configured names
-- (Snoop:Redaction:Headers) were replaced before the exchanges were stored. Sessions stored before this migration
-- were not redacted, so they take the default 0 and the API says so honestly ("redacted": false); every new session
-- sets it (1 unless created with redact=false).
--
-- packets_stored: 0 for a session created with storePackets=false; its capture file exists only while the analysis
-- reads it, is then deleted and capture_file is set to NULL. Older sessions kept their files: default 1.
ALTER TABLE sessions ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0 CHECK (redacted IN (0, 1));
ALTER TABLE sessions ADD COLUMN packets_stored INTEGER NOT NULL DEFAULT 1 CHECK (packets_stored IN (0, 1));
