namespace EdgePbx.Web.Health;

/// <summary>One thing that must hold before the box takes calls (a listener bound, the database open).</summary>
public interface IReadinessCheck
{
    string Name { get; }

    ReadinessResult Check();
}

public sealed record ReadinessResult(bool Ready, string Detail)
{
    public static ReadinessResult Yes(string detail) => new(true, detail);

    public static ReadinessResult No(string detail) => new(false, detail);
}
