-- Indexes for the filters of GET /api/exchanges (method, client, server, complete=false, minDurationMs).
-- Like the indexes of 0001, each ends in started_ns and, implicitly, the rowid id, so that an equality on the first
-- column yields rows already in list order. They were chosen for their cost to imports as much as for queries
-- (measured on a million stored exchanges, docs/performance.md): these keys grow in time order within each value, so a
-- new row lands at the end of its value's run and touches few pages. Indexes whose keys land anywhere (the request
-- target, the client port, the duration) each slowed inserts by half or more and were left out: the request-target
-- filter goes through the path index, and durations through the small partial index of slow exchanges below.
CREATE INDEX ix_exchanges_client_started ON exchanges (client_ip, started_ns);
CREATE INDEX ix_exchanges_server_started ON exchanges (server_ip, started_ns);

-- Partial indexes hold only the rows worth finding, so that the others cost inserts nothing: methods other than GET
-- (most requests are GETs, and a GET filter finds its rows by walking the time index), incomplete exchanges, and
-- those that took a second or more. 'GET' and the one-second threshold are ExchangeIndexes.CommonMethod and
-- ExchangeIndexes.SlowNs in SnoopRecorder.Storage; queries name these conditions literally, so the two must agree.
CREATE INDEX ix_exchanges_method_started ON exchanges (method, started_ns) WHERE method <> 'GET';
CREATE INDEX ix_exchanges_incomplete ON exchanges (started_ns, id) WHERE complete = 0;
CREATE INDEX ix_exchanges_slow ON exchanges (started_ns, id) WHERE ended_ns - started_ns >= 1000000000;
