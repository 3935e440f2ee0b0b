using EdgePbx.Routing.Model;

namespace EdgePbx.Daemon.Engine;

/// <summary>
/// Which front-panel line shows which extension: the plan's extensions in number order fill lines
/// 1..LineCount (an installer labels the panel from the same list the web page shows).
/// </summary>
public static class PanelLines
{
    public static IReadOnlyDictionary<string, int> Assign(RoutingPlan? plan, int lineCount)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        if (plan is null)
        {
            return lines;
        }

        var line = 1;
        foreach (var extension in plan.Extensions.Keys.Order(NumberOrder.Instance))
        {
            if (line > lineCount)
            {
                break;
            }

            lines[extension] = line++;
        }

        return lines;
    }

    /// <summary>Shorter numbers first, then digit order, so 9 comes before 10 and 101 before 102.</summary>
    private sealed class NumberOrder : IComparer<string>
    {
        public static readonly NumberOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var byLength = (x?.Length ?? 0).CompareTo(y?.Length ?? 0);
            return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
        }
    }
}
