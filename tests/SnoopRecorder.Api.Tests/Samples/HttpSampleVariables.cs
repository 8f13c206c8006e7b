using System.Text.RegularExpressions;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// <c>{{name}}</c> substitution with a file's <c>@name = value</c> variables, some overridden: values may refer to
/// other variables. An unknown name, a system variable (<c>{{$guid}}</c>) or a request variable
/// (<c>{{login.response.body.$.id}}</c>) is an error rather than text sent as is.
/// </summary>
public sealed partial class HttpSampleVariables
{
    private const int MaxDepth = 10;
    private readonly Dictionary<string, string> _values;

    public HttpSampleVariables(IReadOnlyDictionary<string, string> fileVariables, IReadOnlyDictionary<string, string>? overrides = null)
    {
        _values = new Dictionary<string, string>(fileVariables, StringComparer.Ordinal);
        foreach (var (name, value) in overrides ?? new Dictionary<string, string>())
        {
            _values[name] = value;
        }
    }

    /// <summary>The names <paramref name="text"/> refers to, directly or through other variables' values.</summary>
    public IReadOnlySet<string> ReferencesOf(string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(NamesIn(text));
        while (pending.TryPop(out var name))
        {
            if (found.Add(name) && _values.TryGetValue(name, out var value))
            {
                foreach (var inner in NamesIn(value))
                {
                    pending.Push(inner);
                }
            }
        }

        return found;
    }

    /// <summary>Replaces every <c>{{name}}</c>, recursively.</summary>
    /// <exception cref="InvalidOperationException">An unknown or unsupported variable, or a reference cycle.</exception>
    public string Substitute(string text) => Substitute(text, 0);

    /// <summary>The <c>{{name}}</c> references written in <paramref name="text"/>.</summary>
    public static IEnumerable<string> NamesIn(string text) =>
        Reference().Matches(text).Select(m => m.Groups[1].Value);

    private string Substitute(string text, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"variables refer to each other more than {MaxDepth} deep (a cycle?) in '{text}'");
        }

        return Reference().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name.StartsWith('$') || name.Contains('.', StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"'{{{{{name}}}}}' is a system or request variable, which the samples test does not support: use an @variable");
            }

            return _values.TryGetValue(name, out var value)
                ? Substitute(value, depth + 1)
                : throw new InvalidOperationException($"'{{{{{name}}}}}' is not defined: add '@{name} = ...' to the file");
        });
    }

    [GeneratedRegex(@"\{\{\s*([^{}\s]+)\s*\}\}")]
    private static partial Regex Reference();
}
