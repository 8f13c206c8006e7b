namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// A <c>.http</c> file in the format VS Code's REST Client, JetBrains IDEs and Visual Studio share: blocks separated by
/// lines starting with <c>###</c> (the rest of the line describes the request), file variables <c>@name = value</c>,
/// <c>{{name}}</c> references, and per block comments (<c>#</c>, <c>//</c>, with <c># @name NAME</c> and this
/// project's <c># @expect STATUS</c>), a request line <c>METHOD URL [HTTP/1.1]</c> (query continuation lines starting
/// with <c>?</c> or <c>&amp;</c>), headers, a blank line and a body whose <c>&lt; path</c> lines stand for a file's
/// bytes. See <see cref="HttpSampleParser"/> for what is refused.
/// </summary>
public sealed class HttpSampleFile
{
    internal HttpSampleFile(string path, IReadOnlyDictionary<string, string> variables, IReadOnlyList<HttpSampleRequest> requests)
    {
        Path = path;
        Variables = variables;
        Requests = requests;
    }

    /// <summary>The file's path as given; <c>&lt; path</c> body lines are relative to its folder.</summary>
    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>The folder relative file references start from.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    /// <summary>Every <c>@name = value</c> of the file, wherever it is (as the editors have it: file-wide).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The requests in file order.</summary>
    public IReadOnlyList<HttpSampleRequest> Requests { get; }

    public static HttpSampleFile Load(string path) => Parse(File.ReadAllText(path), path);

    /// <exception cref="HttpSampleFormatException">The text breaks the format.</exception>
    public static HttpSampleFile Parse(string text, string path) => new HttpSampleParser(System.IO.Path.GetFileName(path)).Parse(text, path);

    /// <summary>The full path of a <c>&lt; path</c> reference (after substitution): absolute, or relative to this file.</summary>
    public string FullPathOf(string reference) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, reference));
}
