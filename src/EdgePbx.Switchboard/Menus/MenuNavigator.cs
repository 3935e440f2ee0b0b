using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;

namespace EdgePbx.Switchboard.Menus;

/// <summary>
/// A caller's way through the menus of one call: the path of menus visited (for "back"), the timeouts and
/// invalid entries of the current visit (for retries) and every choice made (for the record). It asks the
/// evaluator what an entry means and answers with the next menu play or the steps that follow the menus.
/// </summary>
public sealed class MenuNavigator(RoutingPlan plan)
{
    private readonly List<MenuStep> _path = [];
    private readonly List<string> _choices = [];

    /// <summary>The menus entered and not left by "back", outermost first.</summary>
    public IReadOnlyList<MenuStep> Path => _path;

    /// <summary>Each entry in order: "main:1", "main:timeout", "main:invalid(55)".</summary>
    public IReadOnlyList<string> Choices => _choices;

    /// <summary>Timeouts and invalid entries so far in the current visit.</summary>
    public int Failures { get; private set; }

    public MenuStep? Current => _path.Count == 0 ? null : _path[^1];

    /// <summary>A new visit of <paramref name="step"/> (from a route, an option or "back"): failures start over.</summary>
    public void Enter(MenuStep step)
    {
        ArgumentNullException.ThrowIfNull(step);

        // A menu that sends the caller to itself (onInvalid: "menu:main") stays the same level of the path.
        if (_path.Count > 0 && _path[^1].MenuId == step.MenuId)
        {
            _path[^1] = step;
        }
        else
        {
            _path.Add(step);
        }

        Failures = 0;
    }

    /// <summary>"back": the menu before the current one (at the first menu, that menu again); null outside menus.</summary>
    public MenuStep? Back()
    {
        if (_path.Count > 1)
        {
            _path.RemoveAt(_path.Count - 1);
        }

        if (_path.Count == 0)
        {
            return null;
        }

        var step = _path[^1] with { RetryPrompt = null };
        Enter(step);
        return step;
    }

    /// <summary>
    /// The caller's entry at <paramref name="step"/> (null: timeout). <paramref name="afterMenu"/> is the
    /// evaluator (menu, entry, failed tries → decision). A retry comes back as <see cref="MenuDecision.Retry"/>;
    /// anything else as the steps to run next.
    /// </summary>
    public MenuDecision Entry(MenuStep step, string? digits, Func<string, string?, int, RouteDecision> afterMenu)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(afterMenu);
        var menu = plan.Menus.GetValueOrDefault(step.MenuId);
        var valid = digits is not null && menu is not null
            && (menu.Options.ContainsKey(digits) || (menu.DirectDial && plan.Extensions.ContainsKey(digits)));
        _choices.Add(step.MenuId + ":" + (digits is null ? "timeout" : valid ? digits : $"invalid({digits})"));
        var decision = afterMenu(step.MenuId, digits, Failures);

        // A timeout or invalid entry with retries left plays the menu again (the same visit: failures add up).
        if (!valid && decision.Steps is [MenuStep again] && again.MenuId == step.MenuId && Failures < step.Retries)
        {
            Failures++;
            return new MenuDecision(again, [], decision.Trace);
        }

        return new MenuDecision(null, decision.Steps, decision.Trace);
    }
}
