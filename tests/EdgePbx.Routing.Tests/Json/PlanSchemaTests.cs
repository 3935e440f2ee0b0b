using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using EdgePbx.Routing.Json;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Json;

/// <summary>
/// docs/plan.schema.json and the model cannot drift: the schema is walked side by side with the
/// source-generated metadata, and every example plan must satisfy both.
/// </summary>
public sealed class PlanSchemaTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonObject Schema = LoadSchema();

    public static TheoryData<string> PlanFiles() => Examples.ExamplePlanTests.PlanFiles();

    private static JsonObject LoadSchema() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestPlans.RepoRoot(), "docs", "plan.schema.json")))!.AsObject();

    private static JsonNode Plan(string text) => JsonNode.Parse(text, documentOptions: Lenient)!;

    [Fact]
    public void Schema_declares_draft_2020_12()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema["$schema"]!.GetValue<string>());
    }

    [Fact]
    public void Schema_property_names_types_required_and_nulls_match_the_model_everywhere()
    {
        var visited = new HashSet<Type>();
        var problems = new List<string>();
        Compare(PlanJson.TypeInfo, Schema, "RoutingPlan", visited, problems);

        Assert.Empty(problems);
        var defs = Schema["$defs"]!.AsObject().Select(d => d.Key).Order(StringComparer.Ordinal);
        Assert.Equal(visited.Where(t => t != typeof(Model.RoutingPlan)).Select(t => t.Name).Order(StringComparer.Ordinal), defs);
    }

    [Theory]
    [MemberData(nameof(PlanFiles))]
    public void Every_example_plan_satisfies_the_schema_and_the_model(string file)
    {
        var text = File.ReadAllText(Path.Combine(TestPlans.RepoRoot(), "examples", "plans", file));

        Assert.Empty(new MiniJsonSchema(Schema).Validate(Plan(text)));
        Assert.True(Routing.Cli.PlanCheck.Run(System.Text.Encoding.UTF8.GetBytes(text)).Ok);
    }

    [Fact]
    public void Evaluator_test_plan_and_a_written_plan_satisfy_the_schema()
    {
        Assert.Empty(new MiniJsonSchema(Schema).Validate(Plan(EvaluatorPlan.Json)));
        var written = PlanJson.Write(TestPlans.Example("hotline-400.json"));
        Assert.Empty(new MiniJsonSchema(Schema).Validate(JsonNode.Parse(written)));
    }

    [Theory]
    [InlineData("""{ "version": 1, "numbers": { "400": { "default": "hangup", "ringSecond": 5 } } }""", "$.numbers.400.ringSecond: unknown property")]
    [InlineData("""{ "version": 1, "numbers": { "400": { "default": "group:a" } }, "groups": { "a": { "strategy": "loudest", "members": [ { "target": "ext:1" } ] } } }""", "$.groups.a.strategy")]
    [InlineData("""{ "version": 1, "numbers": { "400": { } } }""", "$.numbers.400: \"default\" is required")]
    [InlineData("""{ "version": 1, "numbers": { "400": { "default": "sales" } } }""", "$.numbers.400.default: \"sales\" does not match")]
    [InlineData("""{ "version": 1, "numbers": {}, "tariff": { "incrementSeconds": 30 } }""", "$.tariff.incrementSeconds")]
    [InlineData("""{ "version": 2, "numbers": {} }""", "$.version: must be 1")]
    public void Schema_rejects_what_the_model_rejects(string json, string expected)
    {
        var errors = new MiniJsonSchema(Schema).Validate(Plan(json));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal)); // anyOf wraps the errors of its branches
        Assert.False(Routing.Cli.PlanCheck.Run(System.Text.Encoding.UTF8.GetBytes(json)).Ok);
    }

    private static void Compare(JsonTypeInfo model, JsonObject schema, string where, HashSet<Type> visited, List<string> problems)
    {
        if (!visited.Add(model.Type))
        {
            return;
        }

        if (schema["additionalProperties"] is not JsonValue closed || closed.GetValueKind() != JsonValueKind.False)
        {
            problems.Add($"{where}: additionalProperties must be false (the model rejects unknown properties)");
        }

        var declared = schema["properties"]?.AsObject() ?? [];
        var modelNames = model.Properties.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var schemaNames = declared.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (!modelNames.SequenceEqual(schemaNames))
        {
            problems.Add($"{where}: model has [{string.Join(", ", modelNames)}], schema has [{string.Join(", ", schemaNames)}]");
            return;
        }

        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal).ToList() ?? [];
        var modelRequired = model.Properties.Where(p => p.AssociatedParameter is { HasDefaultValue: false }).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        if (!required.SequenceEqual(modelRequired))
        {
            problems.Add($"{where}: required [{string.Join(", ", modelRequired)}] in the model, [{string.Join(", ", required)}] in the schema");
        }

        foreach (var property in model.Properties)
        {
            var path = $"{where}.{property.Name}";
            var (core, nullable) = Unwrap(declared[property.Name]!.AsObject());
            var modelNullable = property.AssociatedParameter?.IsNullable ?? false;
            if (nullable != modelNullable)
            {
                problems.Add($"{path}: null is {(modelNullable ? "" : "not ")}accepted by the model but {(nullable ? "" : "not ")}by the schema");
            }

            CompareType(model.Options, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, core, path, visited, problems);
        }
    }

    private static void CompareType(JsonSerializerOptions options, Type type, JsonObject schema, string path, HashSet<Type> visited, List<string> problems)
    {
        var info = options.GetTypeInfo(type);
        var expected = type == typeof(string) || type.IsEnum ? "string"
            : type == typeof(int) || type == typeof(long) ? "integer"
            : type == typeof(bool) ? "boolean"
            : info.Kind == JsonTypeInfoKind.Enumerable ? "array"
            : info.Kind is JsonTypeInfoKind.Dictionary ? "object"
            : "$ref";
        if (expected == "$ref")
        {
            var reference = schema["$ref"]?.GetValue<string>();
            if (reference != "#/$defs/" + type.Name)
            {
                problems.Add($"{path}: schema should refer to #/$defs/{type.Name}, not {reference ?? schema.ToJsonString()}");
                return;
            }

            Compare(info, Schema["$defs"]![type.Name]!.AsObject(), type.Name, visited, problems);
            return;
        }

        var actual = schema["type"]?.GetValue<string>();
        if (actual != expected)
        {
            problems.Add($"{path}: model type {type.Name} is a JSON {expected}, schema says {actual}");
            return;
        }

        if (type.IsEnum)
        {
            var names = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, info).Trim('"')).Order(StringComparer.Ordinal);
            var listed = (schema["enum"]?.AsArray() ?? []).Select(e => e!.GetValue<string>()).Order(StringComparer.Ordinal);
            if (!names.SequenceEqual(listed))
            {
                problems.Add($"{path}: enum values [{string.Join(", ", names)}] in the model, [{string.Join(", ", listed)}] in the schema");
            }
        }
        else if (expected == "array")
        {
            CompareType(options, info.ElementType!, schema["items"]!.AsObject(), path + "[]", visited, problems);
        }
        else if (expected == "object")
        {
            if (info.KeyType != typeof(string))
            {
                problems.Add($"{path}: dictionary keys must be strings");
            }

            CompareType(options, info.ElementType!, schema["additionalProperties"]!.AsObject(), path + ".*", visited, problems);
        }
    }

    /// <summary>Splits "X or null" (type ["x","null"] or anyOf [X, null]) into X and whether null is allowed.</summary>
    private static (JsonObject Core, bool Nullable) Unwrap(JsonObject schema)
    {
        if (schema["anyOf"] is JsonArray any && any.Count == 2 && any[1]!["type"]?.GetValue<string>() == "null")
        {
            return (any[0]!.AsObject(), true);
        }

        if (schema["type"] is JsonArray types)
        {
            var core = schema.DeepClone().AsObject();
            var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            core["type"] = rest.Single();
            if (core["enum"] is JsonArray values)
            {
                core["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
            }

            return (core, types.Count > rest.Count);
        }

        return (schema, false);
    }
}
