namespace EdgePbx.Storage.Backup;

/// <summary>What a whole-box backup or restore did (bytes, schema, how many audio files of each kind), or why it refused (nothing changed).</summary>
public sealed record ArchiveResult(long Bytes, int SchemaVersion, int Prompts, int Greetings, int Messages, string? Error)
{
    public bool Succeeded => Error is null;

    public static ArchiveResult Refused(string error) => new(0, 0, 0, 0, 0, error);

    public override string ToString() =>
        $"{Bytes} bytes, schema {SchemaVersion}, {Prompts} prompts, {Greetings} greetings, {Messages} voicemail messages";
}
