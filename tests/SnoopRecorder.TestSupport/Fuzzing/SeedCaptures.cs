namespace SnoopRecorder.TestSupport.Fuzzing;

/// <summary>
/// The real captures the fuzz run mutates, read in place from the shared corpus and cut to their first whole records
/// within <see cref="MaxBytes"/>: both formats and byte orders, five link types, IPv6, VLANs, pipelining, chunked and
/// compressed bodies, out-of-order and overlapping segments.
/// </summary>
public static class SeedCaptures
{
    public const int MaxBytes = 32 * 1024;

    private static readonly string[] Files =
    [
        "arkime/http-simple-get.pcap",
        "arkime/arkime_synthetic.pcap",
        "arkime/tcp-reassembly-synthetic.pcap",
        "arkime/http-content-gzip.pcap",
        "arkime/http-post-upload.pcap",
        "arkime/v6-http.pcap",
        "suricata/http-chunked/input.pcap",
        "suricata/http-protocol-nodup/input.pcap",
        "suricata/decode-sll2-02/input.pcap",
        "suricata/http-async/input.pcap",
        "suricata/bug-3286-02-linux-evasion/with_evasion_linux.pcap",
        "zeek/traces/http/get-to-ssh-server.pcap",
        "wireshark-wiki/http_redirects.pcapng",
        "wireshark-wiki/client-grpc-web-text-http1-send-two-unary.pcapng",
        "zeek/traces/http/cooper-grill-dvwa.pcapng",
        "zeek/traces/tcp/http-on-irc-port-missing-syn.pcapng",
    ];

    /// <param name="pathOf">Where the test project finds a file of the shared corpus.</param>
    public static IReadOnlyList<SeedCapture> Load(Func<string, string> pathOf)
    {
        var seeds = Files
            .Select(file => new SeedCapture(file, CaptureLayout.Parse(File.ReadAllBytes(pathOf(file)), MaxBytes)))
            .ToList();

        // No big-endian pcap in the corpus: one is made by swapping a little-endian one.
        var simple = seeds[0];
        seeds.Add(new SeedCapture(simple.Name + " (big-endian)", simple.Layout.Swapped()));
        return seeds;
    }
}
