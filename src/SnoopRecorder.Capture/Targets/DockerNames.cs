namespace SnoopRecorder.Capture.Targets;

/// <summary>What a container reference may look like before it goes into an engine API path.</summary>
internal static class DockerNames
{
    // Docker names match /?[a-zA-Z0-9][a-zA-Z0-9_.-]+ and ids are hex; checking this keeps a reference such as
    // "../../images/x/json" from reaching another engine endpoint.
    private const int MaximumLength = 255;

    public static bool IsNameOrId(string value)
    {
        var name = value.StartsWith('/') ? value.AsSpan(1) : value.AsSpan();
        if (name.IsEmpty || name.Length > MaximumLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name as people write it: the engine reports names with a leading '/'.</summary>
    public static string Display(string engineName) => engineName.TrimStart('/');
}
