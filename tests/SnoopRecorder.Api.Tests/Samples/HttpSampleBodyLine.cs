namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// One line of a sample's body: text as written, or a file reference (<c>&lt; ./path</c>) whose bytes replace the line.
/// </summary>
/// <param name="Text">The line, or the referenced path (variables not yet substituted) when <paramref name="IsFile"/>.</param>
/// <param name="IsFile">True for <c>&lt; path</c>.</param>
public readonly record struct HttpSampleBodyLine(string Text, bool IsFile);
