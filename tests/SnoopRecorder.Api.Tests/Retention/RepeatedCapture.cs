namespace SnoopRecorder.Api.Tests.Retention;

/// <summary>
/// A large, valid pcap made from a small one: its global header once, then all its packet records
/// a given number of times over (pcap records carry their own lengths, so back-to-back copies read as one file).
/// </summary>
internal static class RepeatedCapture
{
    private const int PcapHeaderBytes = 24;

    public static byte[] Of(string pcapPath, int times)
    {
        var file = File.ReadAllBytes(pcapPath);
        Assert.True(file.Length > PcapHeaderBytes && BitConverter.ToUInt32(file, 0) is 0xA1B2C3D4 or 0xA1B23C4D, $"{pcapPath} is not a little-endian pcap file");
        var records = file.AsSpan(PcapHeaderBytes);
        var result = new byte[PcapHeaderBytes + (records.Length * times)];
        file.AsSpan(0, PcapHeaderBytes).CopyTo(result);
        for (var i = 0; i < times; i++)
        {
            records.CopyTo(result.AsSpan(PcapHeaderBytes + (i * records.Length)));
        }

        return result;
    }
}
