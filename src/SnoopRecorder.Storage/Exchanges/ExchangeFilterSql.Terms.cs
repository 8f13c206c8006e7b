using System.Globalization;

namespace SnoopRecorder.Storage.Exchanges;

internal sealed partial class ExchangeFilterSql
{
    private void AddHost(HostFilter host, IReadOnlyList<string>? hostNames)
    {
        if (!host.IsWildcard)
        {
            AddKey(ExchangeIndexes.Host, $"host_name = {Parameter(host.Name)}", HostRank);
        }
        else if (hostNames is not null)
        {
            AddList(ExchangeIndexes.Host, "host_name", hostNames, HostRank);
        }
        else
        {
            var suffix = Parameter(host.Suffix);
            AddTerm($"length(host_name) > length({suffix}) AND substr(host_name, -length({suffix})) = {suffix}");
        }

        if (host.Port is { } port)
        {
            AddTerm($"host_port = {Parameter(port)}");
        }
    }

    private void AddMethod(MethodFilter method)
    {
        // The method index leaves GET out: a list with GET matches most requests, met soon enough by any walk.
        if (method.Methods.Contains(ExchangeIndexes.CommonMethod, StringComparer.Ordinal))
        {
            AddTerm(ListTerm("method", method.Methods));
            return;
        }

        AddList(ExchangeIndexes.Method, "method", method.Methods, MethodRank, $"method <> '{ExchangeIndexes.CommonMethod}'");
    }

    private void AddPath(PathFilter path)
    {
        if (!path.IsPrefix)
        {
            AddKey(ExchangeIndexes.Path, $"path = {Parameter(path.Value)}", PathRank);
        }
        else if (PrefixTerm("path", path.Value, path.UpperBound()) is { } range)
        {
            AddRange(ExchangeIndexes.Path, range, PathRank);
        }
        else
        {
            AddTerm("path IS NOT NULL");
        }
    }

    private void AddUri(UriFilter uri)
    {
        if (!uri.IsPrefix)
        {
            AddTerm($"uri = {Parameter(uri.Value)}");
        }
        else
        {
            AddTerm(PrefixTerm("uri", uri.Value, uri.UpperBound()) ?? "uri IS NOT NULL");
        }

        // The request-target has no index of its own (one would cost imports more than it saves); what it implies
        // about the path lets the path index find the rows.
        if (uri.ImpliedPath() is { } path)
        {
            AddPath(path);
        }
    }

    /// <summary>
    /// A range, not LIKE: text is case-sensitive and '%' or '_' in it are literal characters. Null for an empty prefix.
    /// </summary>
    private string? PrefixTerm(string column, string prefix, string? upperBound)
    {
        if (prefix.Length == 0)
        {
            return null;
        }

        var low = Parameter(prefix);
        return upperBound is not null
            ? $"{column} >= {low} AND {column} < {Parameter(upperBound)}"
            : $"{column} >= {low} AND substr({column}, 1, length({low})) = {low}";
    }

    private void AddStatus(StatusFilter status)
    {
        var alternatives = new List<string>();
        foreach (var range in status.Ranges)
        {
            alternatives.Add(range.IsSingleCode
                ? $"status = {Parameter(range.Min)}"
                : $"status BETWEEN {Parameter(range.Min)} AND {Parameter(range.Max)}");
        }

        if (status.IncludesNone)
        {
            alternatives.Add("status IS NULL");
        }

        if (alternatives.Count == 1 && (status.IncludesNone || status.Ranges[0].IsSingleCode))
        {
            AddKey(ExchangeIndexes.Status, alternatives[0], StatusRank);
            return;
        }

        AddRange(ExchangeIndexes.Status, alternatives.Count == 1 ? alternatives[0] : $"({string.Join(" OR ", alternatives)})", StatusRank);
    }

    private void AddTimeAndCursor(ExchangeQuery query)
    {
        if (query.Time is { FromNs: { } from })
        {
            AddSeek($"started_ns >= {Parameter(from)}");
        }

        if (query.Time is { ToNs: { } to })
        {
            AddSeek($"started_ns < {Parameter(to)}");
        }

        if (query.After is { } after)
        {
            // A row value: SQLite seeks the index to (started_ns, id) and continues from there.
            var comparison = query.Order == ExchangeOrder.Descending ? "<" : ">";
            AddSeek($"(started_ns, id) {comparison} ({Parameter(after.StartedNs)}, {Parameter(after.Id)})");
        }
    }

    private void AddDuration(DurationFilter duration)
    {
        AddTerm($"ended_ns - started_ns >= {Parameter(duration.MinNs)}");
        if (duration.MinNs >= ExchangeIndexes.SlowNs)
        {
            // Implied by the term above; written as the partial index's own literal condition so that SQLite can use it.
            AddKey(ExchangeIndexes.Slow, string.Create(CultureInfo.InvariantCulture, $"ended_ns - started_ns >= {ExchangeIndexes.SlowNs}"), SlowRank);
        }
    }

    private void AddEndpoint(string index, string side, EndpointFilter endpoint, int rank)
    {
        AddKey(index, $"{side}_ip = {Parameter(endpoint.Ip)}", rank);
        if (endpoint.Port is { } port)
        {
            AddTerm($"{side}_port = {Parameter(port)}");
        }
    }

    private void AddComplete(bool complete)
    {
        if (complete)
        {
            AddTerm("complete = 1");
            return;
        }

        // A literal, not a parameter: SQLite uses a partial index only when the query's WHERE names its condition.
        AddKey(ExchangeIndexes.Incomplete, "complete = 0", IncompleteRank);
    }
}
