using System.Buffers;
using System.Text;

namespace SnoopRecorder.Api.Exchanges.Transcripts;

/// <summary>
/// Writes transcript text as UTF-8. Captured text goes through <see cref="Captured"/>, which shows control characters
/// as <c>\xHH</c>: a transcript read in a terminal must not let the traffic send it escape sequences.
/// </summary>
internal sealed class TranscriptWriter(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;
    private bool _atLineStart = true;

    /// <summary>One line of captured text (a request line, a header): line breaks in it are escaped too.</summary>
    public void CapturedLine(string text)
    {
        Captured(text, keepLineBreaks: false);
        EndLine();
    }

    /// <summary>A marker line the transcript adds, in brackets: <c>[binary body: 4096 bytes image/png, not shown]</c>.</summary>
    public void Marker(string text)
    {
        EndLineIfStarted();
        Write($"[{text}]");
        EndLine();
    }

    /// <summary>A body's text; the transcript continues on a line of its own after it.</summary>
    public void Body(string text)
    {
        Captured(text, keepLineBreaks: true);
        EndLineIfStarted();
    }

    public void BlankLine()
    {
        EndLineIfStarted();
        EndLine();
    }

    private void Captured(ReadOnlySpan<char> text, bool keepLineBreaks)
    {
        while (!text.IsEmpty)
        {
            var run = 0;
            while (run < text.Length && !MustEscape(text[run], keepLineBreaks))
            {
                run++;
            }

            Write(text[..run]);
            if (run == text.Length)
            {
                return;
            }

            Write($"\\x{(int)text[run]:X2}");
            text = text[(run + 1)..];
        }
    }

    // C0 controls (but tab, and line breaks in bodies), DEL and the C1 controls.
    private static bool MustEscape(char c, bool keepLineBreaks) =>
        (c is < ' ' and not '\t' && !(keepLineBreaks && c is '\n' or '\r')) || c is >= '\x7F' and <= '\x9F';

    private void Write(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Encoding.UTF8.GetBytes(text, _output);
        _atLineStart = text[^1] == '\n';
    }

    private void Write(string text) => Write(text.AsSpan());

    private void EndLine()
    {
        _output.Write("\n"u8);
        _atLineStart = true;
    }

    private void EndLineIfStarted()
    {
        if (!_atLineStart)
        {
            EndLine();
        }
    }
}
