namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// One request of a <c>.http</c> file, as written (variables not yet substituted): the block between two <c>###</c>
/// lines.
/// </summary>
public sealed record HttpSampleRequest
{
    /// <summary>The file's name, for messages.</summary>
    public required string File { get; init; }

    /// <summary>The 1-based line of the request line.</summary>
    public required int Line { get; init; }

    /// <summary>The comment after <c>###</c>, if any.</summary>
    public string? Description { get; init; }

    /// <summary><c># @name NAME</c>, if any.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// <c># @expect STATUS</c>: the status this sample documents when it is not a success (a 400 for an invalid filter,
    /// a 404 for an unknown id). Editors ignore it as a comment; the samples test holds the service to it.
    /// </summary>
    public int? ExpectedStatus { get; init; }

    public required string Method { get; init; }

    public required string Url { get; init; }

    public IReadOnlyList<HttpSampleHeader> Headers { get; init; } = [];

    /// <summary>The body's lines (trailing blank lines removed); empty when there is none.</summary>
    public IReadOnlyList<HttpSampleBodyLine> Body { get; init; } = [];

    /// <summary>What messages call it: its <c>@name</c>, else its description, else its request line.</summary>
    public string Title => Name ?? Description ?? $"{Method} {Url}";

    /// <summary>Every text in which variables are substituted: the URL, header values and body lines.</summary>
    public IEnumerable<string> Texts =>
        [Url, .. Headers.Select(h => h.Value), .. Body.Select(b => b.Text)];

    public override string ToString() => $"{File}:{Line} \"{Title}\"";
}
