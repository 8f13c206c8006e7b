namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// The indexes of <c>exchanges</c> that lists walk or search (<c>migrations/0001_initial.sql</c> and
/// <c>0002_exchange_filters.sql</c>). Each ends in (started_ns, id) — the rowid closes every SQLite index — so an
/// equality on its first column hands rows out already in list order.
/// </summary>
internal static class ExchangeIndexes
{
    public const string Started = "ix_exchanges_started";
    public const string Session = "ix_exchanges_session_started";
    public const string Host = "ix_exchanges_host_started";
    public const string Path = "ix_exchanges_path_started";
    public const string Status = "ix_exchanges_status_started";

    /// <summary>Partial: only methods other than <see cref="CommonMethod"/>.</summary>
    public const string Method = "ix_exchanges_method_started";

    public const string Client = "ix_exchanges_client_started";
    public const string Server = "ix_exchanges_server_started";

    /// <summary>Partial: only exchanges with <c>complete = 0</c>.</summary>
    public const string Incomplete = "ix_exchanges_incomplete";

    /// <summary>Partial: only exchanges that took at least <see cref="SlowNs"/>.</summary>
    public const string Slow = "ix_exchanges_slow";

    /// <summary>The method <see cref="Method"/> leaves out, as written in its WHERE clause; the two must agree.</summary>
    public const string CommonMethod = "GET";

    /// <summary>One second: the threshold written into <see cref="Slow"/>'s WHERE clause; the two must agree.</summary>
    public const long SlowNs = 1_000_000_000;
}
