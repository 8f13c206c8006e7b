namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>A <c>.http</c> file that does not follow the format, with the file and line that broke it.</summary>
public sealed class HttpSampleFormatException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;
}
