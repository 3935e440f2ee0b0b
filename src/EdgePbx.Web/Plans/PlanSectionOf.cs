using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgePbx.Routing.Model;
using EdgePbx.Web.Pages;

namespace EdgePbx.Web.Plans;

/// <summary>The typed half of a <see cref="PlanSection"/>: items of type <typeparamref name="T"/> in one dictionary of the plan.</summary>
public abstract class PlanSectionOf<T> : PlanSection
    where T : class
{
    protected abstract IReadOnlyDictionary<string, T> Items(RoutingPlan plan);

    protected abstract RoutingPlan WithItems(RoutingPlan plan, IReadOnlyDictionary<string, T> items);

    protected abstract JsonTypeInfo<T> TypeInfo { get; }

    protected abstract void ToValues(T item, FormValues values);

    /// <summary>The item a form describes, or null after adding its problems to <paramref name="issues"/>.</summary>
    protected abstract T? FromValues(FormValues values, FieldIssues issues);

    protected abstract IReadOnlyList<string> RowOf(string id, T item);

    public override IEnumerable<string> Ids(RoutingPlan plan) => Items(plan).Keys;

    public override bool Contains(RoutingPlan plan, string id) => Items(plan).ContainsKey(id);

    public override FormValues Values(RoutingPlan plan, string id)
    {
        var values = new FormValues { ["id"] = id };
        ToValues(Items(plan)[id], values);
        return values;
    }

    public override IReadOnlyList<string> Row(RoutingPlan plan, string id) => RowOf(id, Items(plan)[id]);

    public override Func<RoutingPlan, RoutingPlan>? Parse(RoutingPlan plan, FormValues values, string? originalId, FieldIssues issues, out string id)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(issues);
        id = values.Text("id");
        if (IdProblem(id) is { } problem)
        {
            issues.Add("id", problem);
        }
        else if (id != originalId && Items(plan).ContainsKey(id))
        {
            issues.Add("id", $"{Singular} {id} exists already");
        }

        if (originalId is not null && !Items(plan).ContainsKey(originalId))
        {
            issues.AddGeneral($"{Singular} {originalId} no longer exists (changed meanwhile?)");
        }

        CheckExtra(values, issues);
        var item = FromValues(values, issues);
        if (item is null || issues.Any)
        {
            return null;
        }

        var key = id;
        return current => Set(current, originalId, key, item);
    }

    public override RoutingPlan Remove(RoutingPlan plan, string id)
    {
        var items = Items(plan).Where(kv => kv.Key != id).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return WithItems(plan, items);
    }

    public override void WriteJson(Utf8JsonWriter writer, RoutingPlan plan, string id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, Items(plan)[id], TypeInfo);
    }

    public override Func<RoutingPlan, RoutingPlan>? ReadJson(ReadOnlySpan<byte> body, string id, out string? problem)
    {
        if (IdProblem(id) is { } bad)
        {
            problem = "id: " + bad;
            return null;
        }

        T? item;
        try
        {
            item = JsonSerializer.Deserialize(body, TypeInfo);
        }
        catch (JsonException e)
        {
            problem = "bad JSON: " + FirstSentence(e.Message);
            return null;
        }

        if (item is null)
        {
            problem = "bad JSON: the body is null";
            return null;
        }

        problem = null;
        return current => Set(current, id, id, item);
    }

    /// <summary>Puts the item under <paramref name="id"/>, in place of <paramref name="originalId"/> when renamed (order kept).</summary>
    private RoutingPlan Set(RoutingPlan plan, string? originalId, string id, T item)
    {
        var items = new Dictionary<string, T>(StringComparer.Ordinal);
        var placed = false;
        foreach (var (key, value) in Items(plan))
        {
            if (key == originalId || key == id)
            {
                if (!placed)
                {
                    items[id] = item;
                    placed = true;
                }

                continue;
            }

            items[key] = value;
        }

        if (!placed)
        {
            items[id] = item;
        }

        return WithItems(plan, items);
    }

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
