using System.Text.Json.Serialization;

namespace EdgePbx.Routing.Model;

/// <summary>How a hunt group picks and orders its members.</summary>
public enum HuntStrategy
{
    /// <summary>One after another in listed order.</summary>
    [JsonStringEnumMemberName("sequential")] Sequential,

    /// <summary>Sequential, starting after the member that was tried first last time.</summary>
    [JsonStringEnumMemberName("roundRobin")] RoundRobin,

    /// <summary>Every member at once.</summary>
    [JsonStringEnumMemberName("ringAll")] RingAll,

    /// <summary>First member chosen by integer percent weights, exact over every 100 calls.</summary>
    [JsonStringEnumMemberName("weighted")] Weighted,

    [JsonStringEnumMemberName("leastRecent")] LeastRecent,
    [JsonStringEnumMemberName("fewestCalls")] FewestCalls,

    /// <summary>Order from the call's random seed (deterministic for a given seed).</summary>
    [JsonStringEnumMemberName("random")] Random,

    /// <summary>Every member with its own ring delay and ring time (Yeastar's "custom").</summary>
    [JsonStringEnumMemberName("custom")] Custom,
}
