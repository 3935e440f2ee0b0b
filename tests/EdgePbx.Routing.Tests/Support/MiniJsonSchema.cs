using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EdgePbx.Routing.Tests.Support;

/// <summary>
/// A validator for the JSON Schema 2020-12 keywords docs/plan.schema.json uses, so the tests can check
/// plans against the schema without a schema library. A keyword it does not know fails loudly: the
/// schema cannot grow a rule these tests silently ignore.
/// </summary>
internal sealed class MiniJsonSchema(JsonObject root)
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "$defs"];

    public List<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        foreach (var (keyword, arg) in schema)
        {
            switch (keyword)
            {
                case "$ref":
                    var name = arg!.GetValue<string>();
                    Assert.StartsWith("#/$defs/", name, StringComparison.Ordinal);
                    var target = root["$defs"]![name["#/$defs/".Length..]];
                    Assert.True(target is JsonObject, $"unresolved {name}");
                    Check((JsonObject)target, value, path, errors);
                    break;
                case "type":
                    var types = arg is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToList() : [arg!.GetValue<string>()];
                    if (!types.Contains(TypeOf(value)) && !(types.Contains("number") && TypeOf(value) == "integer"))
                    {
                        errors.Add($"{path}: {TypeOf(value)} where {string.Join("/", types)} is expected");
                    }

                    break;
                case "anyOf":
                    var branches = arg!.AsArray().Select(b => { var e = new List<string>(); Check(b!.AsObject(), value, path, e); return e; }).ToList();
                    if (branches.All(e => e.Count > 0))
                    {
                        errors.Add($"{path}: matches none of anyOf ({string.Join("; ", branches.SelectMany(e => e))})");
                    }

                    break;
                case "enum":
                    if (!arg!.AsArray().Any(e => JsonNode.DeepEquals(e, value)))
                    {
                        errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {arg.ToJsonString()}");
                    }

                    break;
                case "const":
                    if (!JsonNode.DeepEquals(arg, value))
                    {
                        errors.Add($"{path}: must be {arg!.ToJsonString()}");
                    }

                    break;
                case "minimum" or "maximum":
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                    {
                        var n = v.GetValue<decimal>();
                        var limit = arg!.GetValue<decimal>();
                        if (keyword == "minimum" ? n < limit : n > limit)
                        {
                            errors.Add($"{path}: {n} is {(keyword == "minimum" ? "below" : "above")} {limit}");
                        }
                    }

                    break;
                case "pattern":
                    if (value is JsonValue s && s.GetValueKind() == JsonValueKind.String && !Regex.IsMatch(s.GetValue<string>(), arg!.GetValue<string>()))
                    {
                        errors.Add($"{path}: \"{s.GetValue<string>()}\" does not match {arg}");
                    }

                    break;
                case "minLength":
                    if (value is JsonValue str && str.GetValueKind() == JsonValueKind.String && str.GetValue<string>().Length < arg!.GetValue<int>())
                    {
                        errors.Add($"{path}: shorter than {arg}");
                    }

                    break;
                case "minItems" or "maxItems":
                    if (value is JsonArray items && (keyword == "minItems" ? items.Count < arg!.GetValue<int>() : items.Count > arg!.GetValue<int>()))
                    {
                        errors.Add($"{path}: {items.Count} items, {keyword} {arg}");
                    }

                    break;
                case "items":
                    if (value is JsonArray list)
                    {
                        for (var i = 0; i < list.Count; i++)
                        {
                            Check(arg!.AsObject(), list[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), errors);
                        }
                    }

                    break;
                case "properties" or "required" or "additionalProperties" or "propertyNames":
                    if (value is JsonObject o)
                    {
                        CheckObjectKeyword(keyword, arg, schema, o, path, errors);
                    }

                    break;
                default:
                    Assert.True(Annotations.Contains(keyword), $"schema keyword \"{keyword}\" is not supported by the test validator");
                    break;
            }
        }
    }

    private void CheckObjectKeyword(string keyword, JsonNode? arg, JsonObject schema, JsonObject o, string path, List<string> errors)
    {
        switch (keyword)
        {
            case "properties":
                foreach (var (name, sub) in arg!.AsObject())
                {
                    if (o.TryGetPropertyValue(name, out var child))
                    {
                        Check(sub!.AsObject(), child, path + "." + name, errors);
                    }
                }

                break;
            case "required":
                foreach (var name in arg!.AsArray().Select(n => n!.GetValue<string>()))
                {
                    if (!o.ContainsKey(name))
                    {
                        errors.Add($"{path}: \"{name}\" is required");
                    }
                }

                break;
            case "propertyNames":
                foreach (var (name, _) in o)
                {
                    Check(arg!.AsObject(), JsonValue.Create(name), path + "." + name + " (name)", errors);
                }

                break;
            default: // additionalProperties
                var declared = schema["properties"]?.AsObject();
                foreach (var (name, child) in o)
                {
                    if (declared is not null && declared.ContainsKey(name))
                    {
                        continue;
                    }

                    if (arg is JsonValue flag && flag.GetValueKind() == JsonValueKind.False)
                    {
                        errors.Add($"{path}.{name}: unknown property");
                    }
                    else if (arg is JsonObject sub)
                    {
                        Check(sub, child, path + "." + name, errors);
                    }
                }

                break;
        }
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
            _ => "null",
        },
        _ => "unknown",
    };
}
