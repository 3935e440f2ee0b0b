namespace EdgePbx.Web.Files;

/// <summary>Endpoint metadata: this endpoint takes bodies up to <see cref="Bytes"/> (file uploads) instead of the 1 MiB of forms and JSON.</summary>
public sealed record BodyLimit(long Bytes);
