using System.Text.Json.Serialization;

namespace EdgePbx.Routing.Model;

/// <summary>What a caller hears while members are ringing.</summary>
public enum RingbackKind
{
    [JsonStringEnumMemberName("tone")] Tone,
    [JsonStringEnumMemberName("audio")] Audio,
}
