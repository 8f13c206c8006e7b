using System.Globalization;
using Microsoft.Extensions.Options;
using SnoopRecorder.Api.Problems;

namespace SnoopRecorder.Api.Retention;

/// <summary>
/// <c>Snoop:MaxDataBytes</c>: the most the data directory may hold. From <see cref="NearLimitPercent"/> % of it new
/// sessions (imports and recordings) are refused with 507, as is an upload that would take the directory past it;
/// recording sessions stop when it is reached (<see cref="DataQuotaEnforcer"/>). An import whose upload was accepted
/// is analysed to its end: its exchanges and bodies may take the directory a little past the limit.
/// </summary>
public sealed class DataQuota(DataUsage usage, IOptions<RetentionOptions> options)
{
    /// <summary>New sessions are refused once the data directory holds this share of the quota.</summary>
    public const int NearLimitPercent = 95;

    private const string WhatToDo =
        "delete sessions you no longer need (DELETE /api/sessions/{id}) or raise Snoop:MaxDataBytes";

    /// <summary>The quota in bytes; null when there is none.</summary>
    public long? Limit => options.Value.MaxDataBytes;

    /// <summary>How many bytes an upload may still add before the data directory reaches the quota; null: no quota.</summary>
    public long? Room => Limit is { } limit ? Math.Max(0, limit - usage.Bytes) : null;

    /// <summary>
    /// Refuses a new session when the data directory is near the quota, or when <paramref name="incomingBytes"/> (an
    /// upload's declared length) would take it past the quota.
    /// </summary>
    /// <exception cref="RequestRefusedException">507 saying the usage, the limit and what to do.</exception>
    public void EnsureRoomForNewSession(long? incomingBytes = null)
    {
        if (Limit is not { } limit)
        {
            return;
        }

        var used = usage.Bytes;
        if (used >= NearLimit(limit))
        {
            throw Refusal(
                $"the data directory holds {Describe(used)}, {Percent(used, limit)} % of the {Describe(limit)} allowed " +
                $"(Snoop:MaxDataBytes), and new sessions are refused from {NearLimitPercent} %: {WhatToDo}");
        }

        if (incomingBytes is { } incoming && incoming > limit - used)
        {
            throw UploadWouldNotFit(used, incoming, limit);
        }
    }

    /// <summary>The refusal of an upload of unknown length that has passed <see cref="Room"/> while it was read.</summary>
    public RequestRefusedException UploadPassedRoom(long uploadedBytes)
    {
        var limit = Limit ?? long.MaxValue;
        return UploadWouldNotFit(Math.Min(usage.Bytes, limit), uploadedBytes, limit, lengthKnown: false);
    }

    /// <summary>Whether the data directory holds the quota or more, measured now; false without a quota.</summary>
    public bool IsReached(out long used, out long limit)
    {
        used = 0;
        limit = Limit ?? 0;
        if (Limit is null)
        {
            return false;
        }

        used = usage.Measure();
        return used >= limit;
    }

    /// <summary><see cref="NearLimitPercent"/> % of <paramref name="limit"/>, without overflowing.</summary>
    public static long NearLimit(long limit) => (limit / 100 * NearLimitPercent) + (limit % 100 * NearLimitPercent / 100);

    private static RequestRefusedException UploadWouldNotFit(long used, long incoming, long limit, bool lengthKnown = true)
    {
        var upload = lengthKnown
            ? $"the upload of {Describe(incoming)} would take the data directory from {Describe(used)}"
            : $"the upload passed {Describe(incoming)} while it was read, which takes the data directory from {Describe(used)}";
        return Refusal($"{upload} past the {Describe(limit)} allowed (Snoop:MaxDataBytes); nothing was stored: {WhatToDo}");
    }

    private static RequestRefusedException Refusal(string detail) =>
        new(StatusCodes.Status507InsufficientStorage, "Data quota reached", detail);

    private static string Percent(long used, long limit) =>
        (100.0 * used / limit).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Describe(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes ({bytes / (1024.0 * 1024.0):0.0} MiB)");
}
