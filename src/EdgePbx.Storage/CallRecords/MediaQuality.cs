namespace EdgePbx.Storage.CallRecords;

/// <summary>RTCP-reported quality: packet loss in per mille (0..1000) and interarrival jitter.</summary>
public readonly record struct MediaQuality(int LossPermille, TimeSpan Jitter);
