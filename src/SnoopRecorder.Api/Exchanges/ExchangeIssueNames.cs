using System.Text.Json;
using SnoopRecorder.Http.Model;

namespace SnoopRecorder.Api.Exchanges;

/// <summary>The set flags of an exchange's issues as camelCase names ("noResponse", "responseGap").</summary>
internal static class ExchangeIssueNames
{
    private static readonly (ExchangeIssues Flag, string Name)[] Flags =
    [
        .. Enum.GetValues<ExchangeIssues>()
            .Where(f => f != ExchangeIssues.None && f != ExchangeIssues.IncompleteMask && ((int)f & ((int)f - 1)) == 0)
            .Select(f => (f, JsonNamingPolicy.CamelCase.ConvertName(f.ToString()))),
    ];

    public static IReadOnlyList<string> Of(long issues)
    {
        if (issues == 0)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var (flag, name) in Flags)
        {
            if ((issues & (long)flag) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
