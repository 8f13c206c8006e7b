using System.ComponentModel.DataAnnotations;

namespace SnoopRecorder.Api.Retention;

/// <summary>
/// How long sessions are kept and how much the data directory may hold (section <c>Snoop</c>). Both are off by default:
/// sessions are kept until deleted and the data directory may fill its disk.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Snoop";
    public const int MaxRetentionDays = 36_500;

    /// <summary>The smallest quota: room for the database, the disk reserve and a few captures.</summary>
    public const long MinMaxDataBytes = 16L << 20;

    /// <summary>Sessions created more than this many days ago are deleted with their files; null keeps them forever.</summary>
    [Range(1, MaxRetentionDays, ErrorMessage = "Snoop:RetentionDays must be a whole number of days from {1} to {2}, or absent to keep sessions forever")]
    public int? RetentionDays { get; set; }

    /// <summary>
    /// The most bytes the data directory may hold: new sessions are refused near it and recording sessions stop at it
    /// (see <see cref="DataQuota"/>); null: no quota.
    /// </summary>
    [Range(MinMaxDataBytes, long.MaxValue, ErrorMessage = "Snoop:MaxDataBytes must be at least {1} bytes (16 MiB), or absent for no quota")]
    public long? MaxDataBytes { get; set; }
}
