namespace SnoopRecorder.Api.Exchanges.Har;

/// <summary>The file name a HAR download is offered under: a session's name made safe for any file system, and <c>.har</c>.</summary>
internal static class HarFileName
{
    private const int MaxStemLength = 100;
    private const string Extension = ".har";

    public static string Of(string stem)
    {
        var safe = new string([.. stem.Take(MaxStemLength).Select(c => char.IsControl(c) || IsReserved(c) ? '_' : c)]).Trim().Trim('.');
        return (safe.Length == 0 ? "session" : safe) + Extension;
    }

    // Path separators and what Windows forbids in a file name.
    private static bool IsReserved(char c) => c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|';
}
