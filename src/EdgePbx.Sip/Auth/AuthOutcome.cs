namespace EdgePbx.Sip.Auth;

/// <summary>The result of checking a request's digest credentials.</summary>
public sealed record AuthOutcome(AuthOutcomeKind Kind, string? Username, IReadOnlyList<string> Challenges, string Reason)
{
    public bool IsAuthenticated => Kind == AuthOutcomeKind.Authenticated;
}
