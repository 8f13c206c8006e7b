using SnoopRecorder.Capture.Tests.RealTraffic;
using SnoopRecorder.TestSupport;

namespace SnoopRecorder.Capture.Tests.Export;

/// <summary>tshark over rebuilt captures: fields per packet, and the bytes of each TCP stream.</summary>
internal static class ReassembledTshark
{
    /// <summary>The fields of the packets matching <paramref name="filter"/>, one line per packet, separated by '|'.</summary>
    public static Task<List<string>> FieldsAsync(string capture, string filter, params string[] fields) =>
        RunFieldsAsync(["-r", capture], filter, fields);

    /// <summary>
    /// As <see cref="FieldsAsync"/>, with IP and TCP checksums verified (<c>ip.checksum.status</c>,
    /// <c>tcp.checksum.status</c>: 0 bad, 1 good). Only for rebuilt captures: tshark does not reassemble segments whose
    /// checksum is bad, which in real captures (checksum offload) is most of them.
    /// </summary>
    public static Task<List<string>> CheckedFieldsAsync(string capture, string filter, params string[] fields) =>
        RunFieldsAsync(["-r", capture, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE"], filter, fields);

    /// <summary>Numbers of the frames whose IP or TCP checksum tshark finds bad.</summary>
    public static Task<List<string>> BadChecksumFramesAsync(string capture) =>
        CheckedFieldsAsync(capture, "tcp.checksum.status==0 || ip.checksum.status==0", "frame.number");

    private static async Task<List<string>> RunFieldsAsync(string[] input, string filter, string[] fields)
    {
        string[] arguments = [.. input, "-Y", filter, "-T", "fields", "-E", "separator=|", .. fields.SelectMany(f => new[] { "-e", f })];
        var result = (await ExternalCommand.RunAsync("tshark", arguments, "tshark")).EnsureSuccess();
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    /// <summary>
    /// The payload of each direction of TCP stream <paramref name="stream"/> as tshark follows it
    /// (<c>-z follow,tcp,raw</c>): the client's bytes (the first to send) and the server's.
    /// </summary>
    public static async Task<(byte[] Client, byte[] Server)> FollowAsync(string capture, int stream)
    {
        var result = (await ExternalCommand.RunAsync("tshark", ["-r", capture, "-q", "-z", $"follow,tcp,raw,{stream}"], "tshark")).EnsureSuccess();
        var client = new List<byte>();
        var server = new List<byte>();
        var inBody = false;
        foreach (var line in result.StandardOutput.Split('\n'))
        {
            if (line.StartsWith("Node 1:", StringComparison.Ordinal))
            {
                inBody = true;
                continue;
            }

            if (!inBody || line.Length == 0 || line.StartsWith('='))
            {
                continue;
            }

            // Lines of the second node are indented with a tab.
            var (target, hex) = line.StartsWith('\t') ? (server, line.Trim()) : (client, line.Trim());
            target.AddRange(Convert.FromHexString(hex));
        }

        return ([.. client], [.. server]);
    }
}
