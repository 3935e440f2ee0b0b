using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Validation;

namespace EdgePbx.Routing.Json;

/// <summary>Reads and writes plan JSON. Reading never throws on bad input: errors come back as values.</summary>
public static class PlanJson
{
    /// <summary>
    /// The source-generated metadata of the plan format: what the web page, tools and the schema test walk
    /// to learn every property name, type and default without reflection.
    /// </summary>
    public static JsonTypeInfo<RoutingPlan> TypeInfo => PlanJsonContext.Default.RoutingPlan;

    public static PlanReadResult Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var plan = JsonSerializer.Deserialize(utf8, PlanJsonContext.Default.RoutingPlan);
            return plan is null
                ? new PlanReadResult(null, [PlanIssue.Error("$", "the plan is null")])
                : new PlanReadResult(plan, []);
        }
        catch (JsonException ex)
        {
            // System.Text.Json reports syntax and shape errors by exception; the boundary turns it into a value.
            var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : "";
            return new PlanReadResult(null, [PlanIssue.Error(ex.Path ?? "$", FirstSentence(ex.Message) + line)]);
        }
    }

    public static byte[] Write(RoutingPlan plan) =>
        JsonSerializer.SerializeToUtf8Bytes(plan, PlanJsonContext.Default.RoutingPlan);

    private static string FirstSentence(string message)
    {
        // STJ appends "Path: $.x | LineNumber: ..." which we already report in a structured way.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
