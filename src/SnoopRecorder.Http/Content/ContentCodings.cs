using System.Diagnostics.CodeAnalysis;

namespace SnoopRecorder.Http.Content;

/// <summary>
/// Reads the value of Content-Encoding: a comma-separated list of codings in the order they were applied
/// (RFC 9110 §8.4). A message may carry the field more than once; its lines then form one list, in order.
/// </summary>
public static class ContentCodings
{
    /// <summary>The coding names <see cref="TryParse"/> knows, for messages naming them.</summary>
    public const string Supported = "gzip, x-gzip, deflate, br and identity";

    /// <summary>
    /// Parses the field values of a message's Content-Encoding lines into the codings applied, first applied first.
    /// Empty list elements are skipped (RFC 9110 §5.6.1); names are case-insensitive.
    /// </summary>
    /// <param name="fieldValues">Each Content-Encoding field line's value, in order.</param>
    /// <param name="codings">The codings, identity included, in the order they were applied.</param>
    /// <param name="unknown">The first coding name that is not known, when the result is false.</param>
    /// <returns>False when a coding is not one of <see cref="Supported"/>.</returns>
    public static bool TryParse(
        IEnumerable<string> fieldValues, out IReadOnlyList<ContentCoding> codings, [NotNullWhen(false)] out string? unknown)
    {
        ArgumentNullException.ThrowIfNull(fieldValues);
        var list = new List<ContentCoding>();
        foreach (var value in fieldValues)
        {
            // TrimEntries removes all white space, a superset of OWS (SP, HTAB); a coding name never contains any.
            foreach (var element in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!TryParseName(element, out var coding))
                {
                    codings = [];
                    unknown = element;
                    return false;
                }

                list.Add(coding);
            }
        }

        codings = list;
        unknown = null;
        return true;
    }

    /// <summary>True when undoing <paramref name="codings"/> changes nothing (none, or only identity).</summary>
    public static bool AreIdentity(IReadOnlyList<ContentCoding> codings)
    {
        ArgumentNullException.ThrowIfNull(codings);
        foreach (var coding in codings)
        {
            if (coding != ContentCoding.Identity)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The registered name of a coding (<c>gzip</c>, <c>deflate</c>, <c>br</c>, <c>identity</c>).</summary>
    public static string NameOf(ContentCoding coding) => coding switch
    {
        ContentCoding.Identity => "identity",
        ContentCoding.Gzip => "gzip",
        ContentCoding.Deflate => "deflate",
        ContentCoding.Brotli => "br",
        _ => throw new ArgumentOutOfRangeException(nameof(coding), coding, null),
    };

    private static bool TryParseName(string name, out ContentCoding coding)
    {
        if (Is(name, "gzip") || Is(name, "x-gzip"))
        {
            coding = ContentCoding.Gzip;
        }
        else if (Is(name, "deflate"))
        {
            coding = ContentCoding.Deflate;
        }
        else if (Is(name, "br"))
        {
            coding = ContentCoding.Brotli;
        }
        else if (Is(name, "identity"))
        {
            coding = ContentCoding.Identity;
        }
        else
        {
            coding = default;
            return false;
        }

        return true;
    }

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
