using System.Globalization;
using System.Text.RegularExpressions;

namespace SnoopRecorder.Api.Tests.Samples;

/// <summary>
/// Reads a <c>.http</c> file line by line. Refused, with the line: a request line without a URL, a header line without
/// a colon, a variable defined twice, variables or <c>@expect</c> after a block's request line, an unknown
/// <c>&lt;@</c> body reference, and a body line that is itself a request line (two requests in one block: the second
/// would be sent as the first one's body).
/// </summary>
internal sealed partial class HttpSampleParser(string fileName)
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly List<HttpSampleRequest> _requests = [];

    public HttpSampleFile Parse(string text, string path)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = 0;
        string? description = null;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i == lines.Length || BlockSeparator().IsMatch(lines[i]))
            {
                ParseBlock(lines, start, i, description);
                if (i < lines.Length)
                {
                    description = lines[i].TrimStart('#').Trim() is { Length: > 0 } d ? d : null;
                }

                start = i + 1;
            }
        }

        return new HttpSampleFile(path, _variables, _requests);
    }

    private void ParseBlock(string[] lines, int start, int end, string? description)
    {
        string? name = null;
        int? expected = null;
        var i = start;
        for (; i < end; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (Comment().Match(line) is { Success: true } comment)
            {
                var tag = comment.Groups["tag"].Value;
                var value = comment.Groups["value"].Value.Trim();
                if (tag == "name")
                {
                    name = value;
                }
                else if (tag == "expect")
                {
                    expected = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 100 and <= 599
                        ? status
                        : throw Error(i, $"'# @expect {value}': give one HTTP status code (e.g. 400)");
                }

                continue;
            }

            if (Variable().Match(line) is { Success: true } variable)
            {
                if (!_variables.TryAdd(variable.Groups["name"].Value, variable.Groups["value"].Value.Trim()))
                {
                    throw Error(i, $"variable '@{variable.Groups["name"].Value}' is defined twice");
                }

                continue;
            }

            break;
        }

        if (i == end)
        {
            if (expected is not null || name is not null)
            {
                throw Error(end - 1, "'# @name' or '# @expect' in a block without a request");
            }

            return;
        }

        _requests.Add(ParseRequest(lines, i, end, description, name, expected));
    }

    private HttpSampleRequest ParseRequest(string[] lines, int requestLine, int end, string? description, string? name, int? expected)
    {
        var parts = lines[requestLine].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string method, url;
        if (parts is [var only] && UrlStart().IsMatch(only))
        {
            (method, url) = ("GET", only);
        }
        else if (parts.Length is 2 or 3 && RequestMethod().IsMatch(parts[0]) && UrlStart().IsMatch(parts[1])
                 && (parts.Length == 2 || HttpVersion().IsMatch(parts[2])))
        {
            (method, url) = (parts[0], parts[1]);
        }
        else
        {
            throw Error(requestLine, $"'{lines[requestLine].Trim()}' is not a request line: METHOD URL [HTTP/1.1]");
        }

        var i = requestLine + 1;
        for (; i < end && lines[i].TrimStart() is ['?' or '&', ..] continuation; i++)
        {
            url += continuation.Trim();
        }

        var headers = new List<HttpSampleHeader>();
        for (; i < end && lines[i].Trim().Length > 0; i++)
        {
            var line = lines[i].Trim();
            if (Comment().Match(line) is { Success: true } comment)
            {
                if (comment.Groups["tag"].Value is "name" or "expect")
                {
                    throw Error(i, $"'{line}' after the request line: put it before, where it applies to this request");
                }

                continue;
            }

            if (line.StartsWith('@'))
            {
                throw Error(i, $"'{line}' after the request line: define variables before a block's request line");
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Error(i, $"'{line}' is not a header (Name: value); a body starts after a blank line");
            }

            headers.Add(new HttpSampleHeader(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        var body = new List<HttpSampleBodyLine>();
        var bodyStart = i + 1;
        var bodyEnd = end;
        while (bodyEnd > bodyStart && lines[bodyEnd - 1].Trim().Length == 0)
        {
            bodyEnd--;
        }

        for (var b = bodyStart; b < bodyEnd; b++)
        {
            body.Add(BodyLine(lines[b], b));
        }

        return new HttpSampleRequest
        {
            File = fileName,
            Line = requestLine + 1,
            Description = description,
            Name = name,
            ExpectedStatus = expected,
            Method = method,
            Url = url,
            Headers = headers,
            Body = body,
        };
    }

    private HttpSampleBodyLine BodyLine(string line, int index)
    {
        if (line.StartsWith("<@", StringComparison.Ordinal))
        {
            throw Error(index, "'<@ path' (a file with variables) is not supported by the samples test: use '< path'");
        }

        if (line.StartsWith("< ", StringComparison.Ordinal))
        {
            return new HttpSampleBodyLine(line[2..].Trim(), IsFile: true);
        }

        if (RequestLineInBody().IsMatch(line))
        {
            throw Error(index, $"'{line}' looks like a second request in the same block: start it with its own '###' line");
        }

        return new HttpSampleBodyLine(line, IsFile: false);
    }

    private HttpSampleFormatException Error(int index, string message) => new(fileName, index + 1, message);

    [GeneratedRegex("^#{3,}")]
    private static partial Regex BlockSeparator();

    [GeneratedRegex(@"^(#|//)\s*(@(?<tag>[\w-]+)\b(?<value>.*))?")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^@(?<name>[A-Za-z_][\w-]*)\s*=(?<value>.*)$")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^(https?://|\{\{|/)")]
    private static partial Regex UrlStart();

    [GeneratedRegex(@"^HTTP/\d(\.\d)?$")]
    private static partial Regex HttpVersion();

    [GeneratedRegex("^[A-Z]+$")]
    private static partial Regex RequestMethod();

    [GeneratedRegex(@"^(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|TRACE|CONNECT) +(https?://|\{\{|/)\S*( +HTTP/\d(\.\d)?)?$")]
    private static partial Regex RequestLineInBody();
}
