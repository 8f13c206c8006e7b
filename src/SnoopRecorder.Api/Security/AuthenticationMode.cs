namespace SnoopRecorder.Api.Security;

/// <summary>How <c>/api</c> requests are authenticated (<c>Snoop:Authentication</c>).</summary>
public enum AuthenticationMode
{
    /// <summary>Every <c>/api</c> request carries the service's API key (the default).</summary>
    ApiKey,

    /// <summary>No authentication; allowed only while the service listens on loopback addresses alone.</summary>
    None,
}
