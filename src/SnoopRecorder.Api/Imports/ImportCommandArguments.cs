namespace SnoopRecorder.Api.Imports;

/// <summary>The file, the optional name, and everything else for configuration.</summary>
internal sealed record ImportCommandArguments(string File, string? SessionName, string[] ConfigurationArgs)
{
    private const string NameOption = "--name";

    public static bool TryParse(string[] args, out ImportCommandArguments arguments, out string problem)
    {
        arguments = new ImportCommandArguments(string.Empty, null, []);
        string? file = null;
        string? name = null;
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

        arguments = new ImportCommandArguments(file, name, [.. configuration]);
        problem = string.Empty;
        return true;
    }
}
