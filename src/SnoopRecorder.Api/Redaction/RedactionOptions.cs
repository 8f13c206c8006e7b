using System.ComponentModel.DataAnnotations;

namespace SnoopRecorder.Api.Redaction;

/// <summary>
/// Secret header fields redacted before storage (section <c>Snoop:Redaction</c>). <see cref="HeaderRedactor.DefaultNames"/>
/// are always redacted; <see cref="Headers"/> adds more (API keys, session tokens of a particular application).
/// </summary>
public sealed class RedactionOptions : IValidatableObject
{
    public const string SectionName = "Snoop:Redaction";

    /// <summary>Extra field names whose values are stored as <c>[redacted]</c>, compared case-insensitively.</summary>
    public string[] Headers { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var name in Headers)
        {
            if (!HttpToken.IsToken(name))
            {
                yield return new ValidationResult(
                    $"Snoop:Redaction:Headers: '{name}' is not a header field name: it accepts letters, digits and "
                    + "!#$%&'*+-.^_`|~ (an RFC 9110 token), such as X-Auth-Token",
                    [nameof(Headers)]);
            }
        }
    }
}
