using SnoopRecorder.Api.Hosting;

namespace SnoopRecorder.Api.Storage;

/// <summary>
/// The data directory holds captured traffic, secrets included (raw packets, bodies, header values of sessions that
/// do not redact): when the service makes it, it is made readable by the service's user only (0700). One that exists
/// already keeps its mode, which is the operator's to choose; if group or others may use it, the start-up log says so
/// and how to close it.
/// </summary>
internal static partial class DataDirectory
{
    /// <summary>The mode a data directory is created with: owner only.</summary>
    public const UnixFileMode CreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> with <see cref="CreateMode"/>, or warns when the one there is open to others.</summary>
    public static void Prepare(string path, ILogger logger)
    {
        var directory = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            // The parents, if missing, get the default mode: only the data directory itself holds the secrets.
            if (Path.GetDirectoryName(directory) is { Length: > 0 } parent)
            {
                Directory.CreateDirectory(parent);
            }

            Directory.CreateDirectory(directory, CreateMode);
            return;
        }

        var mode = File.GetUnixFileMode(directory);
        if ((mode & GroupOrOthers) != 0)
        {
            Log.DataDirectoryOpen(logger, directory, Octal(mode));
        }
    }

    private static string Octal(UnixFileMode mode) =>
        Convert.ToString((int)mode & 0b111_111_111_111, 8).PadLeft(4, '0');

    private static partial class Log
    {
        [LoggerMessage(EventId = EventIds.DataDirectoryOpen, Level = LogLevel.Warning,
            Message = "The data directory {Directory} (mode {Mode}) may be read by other local users, and it holds the recorded traffic, secrets included: restrict it to the service's user with 'chmod 700 {Directory}'")]
        public static partial void DataDirectoryOpen(ILogger logger, string directory, string mode);
    }
}
