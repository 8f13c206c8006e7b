using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SnoopRecorder.Storage.Migrations;

/// <summary>The <c>migrations/*.sql</c> files embedded in this assembly, ordered by version.</summary>
public static partial class EmbeddedMigrations
{
    private const string ResourcePrefix = "migrations/";

    public static IReadOnlyList<Migration> Load()
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            migrations.Add(Parse(resource[ResourcePrefix.Length..], ReadResource(assembly, resource)));
        }

        return Order(migrations);
    }

    /// <summary>Parses a file name of the form <c>NNNN_name.sql</c>.</summary>
    public static Migration Parse(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration file '{fileName}' is not named NNNN_name.sql.");
        }

        return new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, sql);
    }

    /// <summary>Orders by version and refuses two scripts with the same number.</summary>
    public static IReadOnlyList<Migration> Order(IEnumerable<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Migrations '{ordered[i - 1].Name}' and '{ordered[i].Name}' share version {ordered[i].Version}.");
            }
        }

        return ordered;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d+)_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
