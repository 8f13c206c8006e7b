using SnoopRecorder.Api.Sessions;

namespace SnoopRecorder.Api.Imports;

/// <summary>
/// The file, the optional name, the session's privacy flags (<c>--no-redact</c>, <c>--no-packets</c>) and everything
/// else for configuration.
/// </summary>
internal sealed record ImportCommandArguments(string File, string? SessionName, string[] ConfigurationArgs)
{
    public const string NoRedactOption = "--no-redact";
    public const string NoPacketsOption = "--no-packets";
    private const string NameOption = "--name";

    /// <summary>Redact (the default) unless <c>--no-redact</c>; keep the copied capture unless <c>--no-packets</c>.</summary>
    public SessionPrivacy Privacy { get; init; } = SessionPrivacy.Default;

    public static bool TryParse(string[] args, out ImportCommandArguments arguments, out string problem)
    {
        arguments = new ImportCommandArguments(string.Empty, null, []);
        string? file = null;
        string? name = null;
        var privacy = SessionPrivacy.Default;
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == NameOption)
            {
                if (i + 1 >= args.Length)
                {
                    problem = "--name needs a value";
                    return false;
                }

                name = args[++i];
            }
            else if (arg.StartsWith(NameOption + "=", StringComparison.Ordinal))
            {
                name = arg[(NameOption.Length + 1)..];
            }
            else if (arg == NoRedactOption)
            {
                privacy = privacy with { Redact = false };
            }
            else if (arg == NoPacketsOption)
            {
                privacy = privacy with { StorePackets = false };
            }
            else if (arg.StartsWith('-'))
            {
                configuration.Add(arg);
                // "--Key Value": the value belongs to the key, it is not the file.
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length && !args[i + 1].StartsWith('-'))
                {
                    configuration.Add(args[++i]);
                }
            }
            else if (file is null)
            {
                file = arg;
            }
            else
            {
                problem = $"unexpected argument '{arg}'";
                return false;
            }
        }

        if (file is null)
        {
            problem = "no capture file given";
            return false;
        }

        arguments = new ImportCommandArguments(file, name, [.. configuration]) { Privacy = privacy };
        problem = string.Empty;
        return true;
    }
}
