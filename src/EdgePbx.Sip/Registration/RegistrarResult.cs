namespace EdgePbx.Sip.Registration;

/// <summary>What the registrar answers: status, reason and the extra headers of the response.</summary>
public sealed record RegistrarResult(int StatusCode, string ReasonPhrase, IReadOnlyList<KeyValuePair<string, string>> Headers);
