using System.ComponentModel.DataAnnotations;

namespace SnoopRecorder.Api.Security;

/// <summary>Who may use the API (section <c>Snoop</c>): the API key and whether one is required.</summary>
public sealed class SecurityOptions : IValidatableObject
{
    public const string SectionName = "Snoop";

    /// <summary>Shortest configured key accepted: a short key can be guessed over the network.</summary>
    public const int MinKeyLength = 16;

    public AuthenticationMode Authentication { get; set; } = AuthenticationMode.ApiKey;

    /// <summary>The API key itself. Prefer <see cref="ApiKeyFile"/>: configuration values end up in process listings.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A file holding the API key (surrounding whitespace ignored), e.g. a Docker or Kubernetes secret.</summary>
    public string? ApiKeyFile { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(ApiKeyFile))
        {
            yield return new ValidationResult(
                "Set either Snoop:ApiKey or Snoop:ApiKeyFile, not both.", [nameof(ApiKey), nameof(ApiKeyFile)]);
        }

        if (!string.IsNullOrEmpty(ApiKey) && ApiKey.Trim().Length < MinKeyLength)
        {
            yield return new ValidationResult(
                $"Snoop:ApiKey must be at least {MinKeyLength} characters long.", [nameof(ApiKey)]);
        }

        if (!string.IsNullOrEmpty(ApiKeyFile))
        {
            string? problem = null;
            try
            {
                if (File.ReadAllText(ApiKeyFile).Trim().Length < MinKeyLength)
                {
                    problem = $"the key in it must be at least {MinKeyLength} characters long";
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                yield return new ValidationResult($"Snoop:ApiKeyFile '{ApiKeyFile}': {problem}.", [nameof(ApiKeyFile)]);
            }
        }
    }
}
