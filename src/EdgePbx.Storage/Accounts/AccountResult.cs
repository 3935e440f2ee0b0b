namespace EdgePbx.Storage.Accounts;

/// <summary>Success, or the reason an account change was refused (nothing changed).</summary>
public readonly record struct AccountResult(string? Error)
{
    public bool Succeeded => Error is null;

    public static AccountResult Ok => new(null);
}
