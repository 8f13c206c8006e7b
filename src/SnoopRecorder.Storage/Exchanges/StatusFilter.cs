using System.Globalization;

namespace SnoopRecorder.Storage.Exchanges;

/// <summary>Status filter: one code (<c>404</c>) or a class (<c>5xx</c>), as an inclusive range.</summary>
public sealed record StatusFilter(int Min, int Max)
{
    public const string Accepted = "a three-digit status code (404) or a class (1xx to 5xx)";

    private const int MinCode = 100;
    private const int MaxCode = 999;
    private const int CodeLength = 3;

    public static bool TryParse(string? text, out StatusFilter? filter)
    {
        filter = null;
        if (text is null || text.Length != CodeLength)
        {
            return false;
        }

        if (text[1] is 'x' or 'X' && text[2] is 'x' or 'X' && text[0] is >= '1' and <= '5')
        {
            var hundreds = (text[0] - '0') * 100;
            filter = new StatusFilter(hundreds, hundreds + 99);
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= MinCode and <= MaxCode)
        {
            filter = new StatusFilter(code, code);
            return true;
        }

        return false;
    }
}
