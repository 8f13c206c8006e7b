using System.ComponentModel.DataAnnotations;

namespace SnoopRecorder.Api.Storage;

/// <summary>Where the service keeps its database and captures (<c>Snoop:DataDirectory</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Snoop";
    public const string DatabaseFileName = "snoop.db";
    public const string CapturesFolderName = "captures";

    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), DatabaseFileName);

    public string CapturesDirectory => Path.Combine(Path.GetFullPath(DataDirectory), CapturesFolderName);
}
