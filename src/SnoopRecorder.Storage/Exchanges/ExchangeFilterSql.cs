using System.Globalization;
using Dapper;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>
/// The WHERE clause of an <see cref="ExchangeQuery"/>, every value a parameter, and the access paths (indexes) that can
/// find its rows. Terms combine with AND.
/// </summary>
internal sealed partial class ExchangeFilterSql
{
    // Preference among ordered access paths that all match many rows (ExchangeAccessPath.Rank).
    private const int PathRank = 0;
    private const int ClientRank = 1;
    private const int HostRank = 2;
    private const int ServerRank = 3;
    private const int SessionRank = 4;
    private const int MethodRank = 5;
    private const int StatusRank = 6;
    private const int SlowRank = 7;
    private const int IncompleteRank = 8;
    private const int StartedRank = 9;

    private readonly List<string> _terms = [];
    private readonly List<string> _seekTerms = [];
    private readonly List<ExchangeAccessPath> _accessPaths = [];
    private int _parameterCount;

    private ExchangeFilterSql()
    {
    }

    public DynamicParameters Parameters { get; } = new();

    /// <summary>Every access path that bounds the rows; the last one is always a walk of the time index.</summary>
    public IReadOnlyList<ExchangeAccessPath> AccessPaths => _accessPaths;

    public string Where => _terms.Count == 0 ? "1 = 1" : string.Join(" AND ", _terms);

    /// <summary>
    /// Builds the clause. <paramref name="hostNames"/> are the stored host names a wildcard host filter matches, or null
    /// when there are too many to list (the filter is then checked row by row).
    /// </summary>
    public static ExchangeFilterSql Build(ExchangeQuery query, IReadOnlyList<string>? hostNames)
    {
        var sql = new ExchangeFilterSql();
        if (query.SessionId is not null)
        {
            sql.AddKey(ExchangeIndexes.Session, $"session_id = {sql.Parameter(query.SessionId)}", SessionRank);
        }

        if (query.Host is { } host)
        {
            sql.AddHost(host, hostNames);
        }

        if (query.Path is { } path)
        {
            sql.AddPath(path);
        }

        if (query.Uri is { } uri)
        {
            sql.AddUri(uri);
        }

        if (query.Method is { } method)
        {
            sql.AddMethod(method);
        }

        if (query.Status is { } status)
        {
            sql.AddStatus(status);
        }

        sql.AddTimeAndCursor(query);
        if (query.MinDuration is { } duration)
        {
            sql.AddDuration(duration);
        }

        if (query.Client is { } client)
        {
            sql.AddEndpoint(ExchangeIndexes.Client, "client", client, ClientRank);
        }

        if (query.Server is { } server)
        {
            sql.AddEndpoint(ExchangeIndexes.Server, "server", server, ServerRank);
        }

        if (query.Complete is { } complete)
        {
            sql.AddComplete(complete);
        }

        sql._accessPaths.Add(new ExchangeAccessPath(ExchangeIndexes.Started, Bound: null, IsOrdered: true, StartedRank));
        return sql;
    }

    /// <summary>
    /// What bounds the rows <paramref name="path"/> visits: its own condition and, when it is ordered, the time bounds
    /// and cursor its walk seeks to. Null when the path would visit every row.
    /// </summary>
    public string? BoundOf(ExchangeAccessPath path)
    {
        IEnumerable<string> terms = path.Bound is null ? [] : [path.Bound];
        if (path.IsOrdered)
        {
            terms = terms.Concat(_seekTerms);
        }

        var bound = string.Join(" AND ", terms);
        return bound.Length == 0 ? null : bound;
    }

    private string Parameter(object? value)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"p{_parameterCount++}");
        Parameters.Add(name, value);
        return "@" + name;
    }

    /// <summary>A filtering term that no index serves: checked on each row the chosen path finds.</summary>
    private void AddTerm(string term) => _terms.Add(term);

    /// <summary>An equality on the first column of an index ending in (started_ns, id): an ordered path.</summary>
    private void AddKey(string index, string term, int rank)
    {
        _terms.Add(term);
        _accessPaths.Add(new ExchangeAccessPath(index, term, IsOrdered: true, rank));
    }

    /// <summary>A range or several values on the first column of an index: an unordered path.</summary>
    private void AddRange(string index, string term, int rank)
    {
        _terms.Add(term);
        _accessPaths.Add(new ExchangeAccessPath(index, term, IsOrdered: false, rank));
    }

    /// <summary>
    /// A condition on the request time (bounds, cursor): every ordered path's index continues with (started_ns, id), so
    /// each walk starts and stops at these bounds instead of filtering.
    /// </summary>
    private void AddSeek(string term)
    {
        _terms.Add(term);
        _seekTerms.Add(term);
    }

    /// <summary>
    /// Equality with one of <paramref name="values"/>: an ordered path for one value, an unordered one for several.
    /// A partial index is named with its condition, which SQLite wants to find, literally, in the query's WHERE.
    /// </summary>
    private void AddList(string index, string column, IReadOnlyList<string> values, int rank, string? partialCondition = null)
    {
        var term = ListTerm(column, values);
        if (partialCondition is not null)
        {
            term = $"{partialCondition} AND {term}";
        }

        if (values.Count == 1)
        {
            AddKey(index, term, rank);
        }
        else
        {
            AddRange(index, term, rank);
        }
    }

    private string ListTerm(string column, IReadOnlyList<string> values) => values.Count == 1
        ? $"{column} = {Parameter(values[0])}"
        : $"{column} IN ({string.Join(", ", values.Select(Parameter))})";
}
