-- Connections the analysis stopped tracking to stay within its table of 100,000 (the least recently active first:
-- a SYN flood, or a capture with more connections open at once than that). Each one's exchanges so far were stored;
-- a later packet of it starts a new connection, so a slow exchange cut this way shows as a request without response
-- and a response without request. Counted so that a session says it happened; older sessions read 0.
ALTER TABLE sessions ADD COLUMN evicted_connections INTEGER NOT NULL DEFAULT 0;
