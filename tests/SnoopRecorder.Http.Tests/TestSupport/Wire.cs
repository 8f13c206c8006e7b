using System.Text;

namespace SnoopRecorder.Http.Tests.TestSupport;

public static class Wire
{
    public static byte[] Bytes(string ascii) => Encoding.Latin1.GetBytes(ascii);

    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.Latin1.GetString(bytes.Span);
}
