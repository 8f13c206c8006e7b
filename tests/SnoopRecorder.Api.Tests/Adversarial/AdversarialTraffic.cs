using System.Net;
using System.Text;
using SnoopRecorder.TestSupport.Captures;

namespace SnoopRecorder.Api.Tests.Adversarial;

/// <summary>Addresses, messages and a control exchange shared by the adversarial captures.</summary>
internal static class AdversarialTraffic
{
    public static readonly IPEndPoint Server = new(IPAddress.Parse("10.2.0.1"), 80);

    /// <summary>Capture times start here, so that the session's exchanges are easy to tell apart from others.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public const string ControlPath = "/control";
    public const string AfterPath = "/after";

    public static IPEndPoint Client(int number) => new(IPAddress.Parse($"10.1.{number >> 8}.{number & 0xFF}"), 40_000 + number);

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Get(string path) => Ascii($"GET {path} HTTP/1.1\r\nHost: adversarial.test\r\n\r\n");

    public static byte[] Ok(string body) => Ascii($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n{body}");

    /// <summary>A plain GET and its 200 on a connection of its own: the exchange after the attack must still be found.</summary>
    public static void WriteControl(SyntheticCapture capture, int clientNumber) =>
        capture.Flow(Client(clientNumber), Server).Open().ClientSends(Get(ControlPath)).ServerSends(Ok("control")).Close();
}
