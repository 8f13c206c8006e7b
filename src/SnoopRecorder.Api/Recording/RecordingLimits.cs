using System.Globalization;

namespace SnoopRecorder.Api.Recording;

/// <summary>A live session stops by itself at the first of these it reaches (null: no such limit).</summary>
public sealed record RecordingLimits(TimeSpan? MaxDuration, long? MaxPackets, long? MaxBytes)
{
    public static readonly RecordingLimits None = new(null, null, null);

    /// <summary>The limits in the request's words, for the log: <c>maxDurationSeconds 3600, maxBytes 1073741824</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>(3);
        if (MaxDuration is { } duration)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"maxDurationSeconds {duration.TotalSeconds}"));
        }

        if (MaxPackets is { } packets)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"maxPackets {packets}"));
        }

        if (MaxBytes is { } bytes)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"maxBytes {bytes}"));
        }

        return parts.Count == 0 ? "no limits" : string.Join(", ", parts);
    }
}
